import {
  type CryptoSuite,
  type ReceiptJson,
  encodeValidators,
  merkleInclusionPathFromLevels,
  merkleLeafHash,
  merkleLevels,
  receiptFormat,
  toHex,
  type Validator,
} from "@kexin/core";
import { nodeLimits } from "../limits.ts";
import type { ChainStore, StoredBlock } from "../storage/index.ts";

interface BlockTrees {
  readonly txLevels: Uint8Array[][];
  readonly resultLevels: Uint8Array[][];
  readonly results: Uint8Array[];
}

/**
 * Builds portable receipts. The Merkle levels of a block are computed once and kept for the few
 * most recent blocks asked about, since clients usually fetch receipts of fresh blocks in bursts.
 */
export class ReceiptBuilder {
  private readonly trees = new Map<number, BlockTrees>();

  constructor(
    private readonly suite: CryptoSuite,
    private readonly store: ChainStore,
    /** The validator set that decided a height, as its block header commits to it. */
    private readonly validatorsAt: (height: number) => readonly Validator[],
  ) {}

  build(txHash: Uint8Array, height: number, index: number, block: StoredBlock): ReceiptJson {
    const trees = this.treesOf(height, block);
    return {
      format: receiptFormat,
      suite: this.suite.id,
      txHash: toHex(txHash),
      tx: toHex(block.txs[index] as Uint8Array),
      txIndex: index,
      txCount: block.txs.length,
      txProof: merkleInclusionPathFromLevels(trees.txLevels, index).map(toHex),
      result: toHex(trees.results[index] as Uint8Array),
      resultProof: merkleInclusionPathFromLevels(trees.resultLevels, index).map(toHex),
      header: toHex(block.header),
      commit: toHex(block.commit),
      validators: toHex(encodeValidators(this.validatorsAt(height))),
    };
  }

  private treesOf(height: number, block: StoredBlock): BlockTrees {
    const cached = this.trees.get(height);
    if (cached) return cached;
    const hash = this.suite.hash;
    const results = block.txs.map((txBytes) => {
      const result = this.store.getResult(hash(txBytes));
      if (!result) throw new Error(`block ${height} has a transaction without a stored result`);
      return result;
    });
    const trees: BlockTrees = {
      txLevels: merkleLevels(hash, block.txs.map((txBytes) => merkleLeafHash(hash, txBytes))),
      resultLevels: merkleLevels(hash, results.map((result) => merkleLeafHash(hash, result))),
      results,
    };
    if (this.trees.size >= nodeLimits.recentBlockTreesCached) {
      const oldest = this.trees.keys().next().value as number;
      this.trees.delete(oldest);
    }
    this.trees.set(height, trees);
    return trees;
  }
}
