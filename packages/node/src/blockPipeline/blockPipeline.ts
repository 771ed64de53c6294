import { type BlockHeader, type Commit, type CryptoSuite, KexinError, bytesEqual, decodeSignedTx, encodeCommit, encodeHeader, merkleRoot, toHex } from "@kexin/core";
import type { AdmittedTx, BlockExecution, ChainParameterReader, Executor, ModuleRegistry, TxKind } from "../execution/index.ts";
import { type Mempool, checkTx, checkTxExpiry, checkTxNonce } from "../mempool/index.ts";
import type { ChainHead, ChainStore, DiskReserve } from "../storage/index.ts";
import type { Clock, CommittedBlock } from "../consensus/interface.ts";
import { blockLimitsAt } from "./blockParameters.ts";
import { BlockValidationError } from "./errors.ts";

/** What the pipeline reads and writes of the chain; ChainStore provides it, the simulator an in-memory one. */
export type PipelineStore = Pick<ChainStore, "head" | "hasTx" | "commitBlock">;
export type PipelineExecutor = Pick<Executor, "executeBlock" | "appHash" | "ready">;
export type PipelineMempool = Pick<Mempool, "reap" | "get" | "afterBlock" | "committedNonce" | "addressOf">;

export interface BlockPipelineDependencies {
  readonly suite: CryptoSuite;
  readonly chainId: string;
  readonly registry: ModuleRegistry;
  readonly store: PipelineStore;
  /**
   * Checked before each block is written: below it commitBlock throws and the node halts (a local
   * liveness decision: no hash depends on it), so LMDB never finds the disk full mid-commit.
   */
  readonly diskReserve: Pick<DiskReserve, "assertAboveReserve">;
  readonly mempool: PipelineMempool;
  readonly executor: PipelineExecutor;
  readonly clock: Clock;
  /** The chain parameters by height: the block limits every node checks are read here. */
  readonly parameters: ChainParameterReader;
  /** This node's own caps on the blocks it builds, under the chain's limits; never a reason to refuse another's block. */
  readonly blockTxsMax: number;
  readonly blockBytesMax: number;
}

/** A block as consensus holds it: the encoded header, its fields and hash, and the transactions in order. */
export interface BlockParts {
  readonly headerBytes: Uint8Array;
  readonly header: BlockHeader;
  readonly hash: Uint8Array;
  readonly txs: readonly Uint8Array[];
  /**
   * The transactions already decoded, hashed and signature-checked (taken from the mempool, or
   * fetched and verified), aligned with txs. An entry is missing for one that still needs every check.
   */
  readonly admitted?: readonly (AdmittedTx | undefined)[];
}

/** A block built or checked here, executed against committed state and ready to commit. */
export interface ExecutedBlock {
  readonly parts: BlockParts;
  readonly admitted: readonly AdmittedTx[];
  readonly execution: BlockExecution;
}

/** The validator set deciding a height, as a block's check needs it. */
export interface BlockValidators {
  readonly hash: Uint8Array;
  isValidator(publicKey: Uint8Array): boolean;
}

/** The next nonce of each account within one block: committed state, then the block's earlier transactions. */
class BlockNonces {
  private readonly next = new Map<string, number>();

  constructor(private readonly committed: (address: string) => number) {}

  expected(address: string): number {
    return this.next.get(address) ?? this.committed(address);
  }

  used(address: string, nonce: number): void {
    this.next.set(address, nonce + 1);
  }
}

/**
 * The one way blocks are made, on solo and BFT alike: build a block from the mempool, check a
 * proposed block by re-executing it, and commit a decided block with its certificate. Only here
 * are a header, its roots and the app hash computed and a block written.
 */
export class BlockPipeline {
  constructor(private readonly dependencies: BlockPipelineDependencies) {}

  /**
   * Undefined when the next block from the mempool can be built at once (always, once every module
   * has loaded what it needs); otherwise a promise to await before buildBlock.
   */
  readyToBuild(txsMax: number): Promise<void> | undefined {
    const { mempool, executor, store } = this.dependencies;
    const limits = this.buildLimits((store.head()?.height ?? 0) + 1, txsMax);
    return executor.ready(() => mempool.reap(limits.txsMax, limits.bytesMax).map((admitted) => admitted.tx));
  }

  /** What a block built at `height` may hold: the chain's limits for the height, within this node's caps and the proposer's choice. */
  buildLimits(height: number, txsMax: number = Number.MAX_SAFE_INTEGER): { txsMax: number; bytesMax: number } {
    const { parameters, blockTxsMax, blockBytesMax } = this.dependencies;
    const chain = blockLimitsAt(parameters, height);
    return { txsMax: Math.min(txsMax, blockTxsMax, chain.txsMax), bytesMax: Math.min(blockBytesMax, chain.bytesMax) };
  }

  /** Undefined when a block with these transactions can be checked or replayed at once; otherwise a promise to await before checkBlock. */
  readyToCheck(parts: Pick<BlockParts, "txs" | "admitted">): Promise<void> | undefined {
    return this.dependencies.executor.ready(() => blockTxKinds(parts));
  }

  /** The next block from the mempool's oldest includable transactions, executed, with its header. */
  buildBlock(height: number, block: { readonly proposer: Uint8Array; readonly validatorsHash: Uint8Array; readonly txsMax: number }): ExecutedBlock {
    const { suite, chainId, mempool, clock } = this.dependencies;
    const head = this.headAt(height);
    const limits = this.buildLimits(height, block.txsMax);
    const admitted = this.includable(mempool.reap(limits.txsMax, limits.bytesMax), height);
    const time = Math.max(clock.now(), head.time);
    const execution = this.dependencies.executor.executeBlock(admitted, { height, time });
    const txs = admitted.map((tx) => tx.bytes);
    const header: BlockHeader = {
      chainId,
      height,
      time,
      prevHash: head.hash,
      txCount: txs.length,
      txRoot: merkleRoot(suite.hash, txs),
      resultsRoot: merkleRoot(suite.hash, execution.resultBytes),
      appHash: head.appHash,
      validatorsHash: block.validatorsHash,
      proposer: block.proposer,
    };
    const headerBytes = encodeHeader(header);
    return { parts: { headerBytes, header, hash: suite.hash(headerBytes), txs, admitted }, admitted, execution };
  }

  /**
   * Drops what can no longer go in this block: with several mempools, another proposer's block may
   * have taken an account's nonce first, and a transaction may have expired. Keeps each account's
   * nonces consecutive, by the same rules checkBlock applies.
   */
  private includable(reaped: readonly AdmittedTx[], height: number): AdmittedTx[] {
    const nonces = new BlockNonces((address) => this.dependencies.mempool.committedNonce(address));
    const included: AdmittedTx[] = [];
    for (const admitted of reaped) {
      // Reaped transactions are not committed: committing a block takes its transactions out of the mempool.
      const expected = nonces.expected(admitted.address);
      if (admitted.tx.nonce !== expected || admitted.tx.expiry < height) continue;
      nonces.used(admitted.address, expected);
      included.push(admitted);
    }
    return included;
  }

  /** Every rule a proposed block must meet, then its re-execution; throws the first broken one as a BlockValidationError. */
  checkBlock(height: number, parts: BlockParts, validators: BlockValidators): ExecutedBlock {
    const { suite, chainId, parameters } = this.dependencies;
    const { txsMax: blockTxsMax, bytesMax: blockBytesMax } = blockLimitsAt(parameters, height);
    const { header, txs } = parts;
    const head = this.dependencies.store.head();
    if (!head) throw new Error("the store has no genesis");
    const refuse = (type: ConstructorParameters<typeof BlockValidationError>[0], message: string): never => {
      throw new BlockValidationError(type, message);
    };
    if (header.chainId !== chainId) refuse({ code: "BLOCK_WRONG_CHAIN", expected: chainId, got: header.chainId }, `header is for chain "${header.chainId}"`);
    if (header.height !== height || head.height !== height - 1) {
      refuse({ code: "BLOCK_HEIGHT_MISMATCH", expected: height, got: header.height, headHeight: head.height }, `header height ${header.height} does not follow ${head.height}`);
    }
    if (!bytesEqual(header.prevHash, head.hash)) refuse({ code: "BLOCK_PREV_HASH_MISMATCH" }, "prevHash is not the hash of the last committed block");
    if (!bytesEqual(header.appHash, head.appHash)) refuse({ code: "BLOCK_APP_HASH_MISMATCH" }, "appHash is not the state after the last committed block");
    if (!bytesEqual(header.validatorsHash, validators.hash)) refuse({ code: "BLOCK_VALIDATORS_HASH_MISMATCH" }, "validatorsHash is not this height's validator set");
    if (!validators.isValidator(header.proposer)) refuse({ code: "BLOCK_PROPOSER_NOT_VALIDATOR", proposer: toHex(header.proposer) }, "proposer is not a validator");
    if (header.time < head.time) refuse({ code: "BLOCK_TIME_BEFORE_PARENT", time: header.time, parentTime: head.time }, `time ${header.time} is before the last block's ${head.time}`);
    if (header.txCount !== txs.length) {
      refuse({ code: "BLOCK_TX_COUNT_MISMATCH", headerTxCount: header.txCount, txs: txs.length }, `header counts ${header.txCount} transactions; the block holds ${txs.length}`);
    }
    if (txs.length > blockTxsMax) refuse({ code: "BLOCK_TOO_MANY_TXS", txs: txs.length, txsMax: blockTxsMax }, `block holds ${txs.length} transactions; at most ${blockTxsMax} are allowed`);
    const sizeBytes = txs.reduce((sum, tx) => sum + tx.length, 0);
    if (sizeBytes > blockBytesMax) refuse({ code: "BLOCK_TOO_LARGE", sizeBytes, sizeBytesMax: blockBytesMax }, `transactions total ${sizeBytes} bytes; at most ${blockBytesMax} are allowed`);
    if (!bytesEqual(header.txRoot, merkleRoot(suite.hash, txs))) refuse({ code: "BLOCK_TX_ROOT_MISMATCH" }, "txRoot does not match the transactions");
    const admitted = this.checkBlockTxs(height, parts);
    const execution = this.dependencies.executor.executeBlock(admitted, { height, time: header.time });
    if (!bytesEqual(header.resultsRoot, merkleRoot(suite.hash, execution.resultBytes))) refuse({ code: "BLOCK_RESULTS_ROOT_MISMATCH" }, "resultsRoot does not match re-execution");
    return { parts, admitted, execution };
  }

  /**
   * Each transaction by the rules admission applies (checkTx), with the block's own expiry height
   * and nonces. One already admitted to the mempool, or fetched and verified for this block, is not
   * decoded or verified again: only its expiry and nonce depend on the block.
   */
  private checkBlockTxs(height: number, parts: BlockParts): AdmittedTx[] {
    const { suite, store, mempool } = this.dependencies;
    const nonces = new BlockNonces((address) => mempool.committedNonce(address));
    const seen = new Set<string>();
    return parts.txs.map((bytes, index) => {
      const known = parts.admitted?.[index];
      const hash = known?.hash ?? suite.hash(bytes);
      const hashHex = toHex(hash);
      const pooled = mempool.get(hashHex);
      // Nothing in the mempool is committed (committing a block takes its transactions out), which spares a lookup per transaction.
      if (seen.has(hashHex) || (pooled === undefined && store.hasTx(hash))) {
        throw new BlockValidationError({ code: "BLOCK_TX_DUPLICATE", index, hash: hashHex }, `transaction ${hashHex} is included twice`);
      }
      seen.add(hashHex);
      const waiting = known ?? pooled;
      let admitted: AdmittedTx;
      try {
        if (waiting) {
          checkTxExpiry(waiting.tx, height);
          admitted = waiting;
        } else {
          const checked = checkTx(this.dependencies, bytes, { known: { hash, hashHex }, includedAt: height, verifySignature: true });
          admitted = { tx: checked.tx, bytes, hash, address: mempool.addressOf(checked.tx.signer), resolved: checked.resolved };
        }
        this.checkNonce(admitted, nonces.expected(admitted.address));
      } catch (error) {
        const txCode = error instanceof KexinError ? error.code : "TX_MALFORMED";
        const txMessage = error instanceof Error ? error.message : String(error);
        throw new BlockValidationError({ code: "BLOCK_TX_INVALID", index, hash: hashHex, txCode, txMessage }, `transaction ${index} (${hashHex}) is invalid: ${txCode}: ${txMessage}`);
      }
      nonces.used(admitted.address, admitted.tx.nonce);
      return admitted;
    });
  }

  /** Each account's transactions in a block carry its next nonces, one after another (TX_NONCE_USED, TX_NONCE_GAP). */
  protected checkNonce(admitted: AdmittedTx, expected: number): void {
    checkTxNonce(admitted.tx, admitted.address, expected);
  }

  /**
   * Writes a decided block with its commit certificate, its transactions, results and state
   * changes in one store transaction, with the app hash after it; then clears its transactions
   * from the mempool.
   */
  commitBlock(block: ExecutedBlock, commit: Commit): CommittedBlock {
    const { store, mempool, executor } = this.dependencies;
    const { parts, admitted, execution } = block;
    const height = parts.header.height;
    const head = this.headAt(height);
    this.dependencies.diskReserve.assertAboveReserve();
    store.commitBlock({
      height,
      hash: parts.hash,
      header: parts.headerBytes,
      commit: encodeCommit(commit),
      txs: admitted.map((tx, index) => ({ hash: tx.hash, bytes: tx.bytes, result: execution.resultBytes[index] as Uint8Array })),
      stateWrites: execution.writes,
      head: { height, hash: parts.hash, time: parts.header.time, appHash: executor.appHash(head.appHash, height, execution.writes) },
    });
    mempool.afterBlock(admitted, height + 1);
    return { height, hash: parts.hash, header: parts.header, txs: admitted, results: execution.results, round: commit.round };
  }

  private headAt(height: number): ChainHead {
    const head = this.dependencies.store.head();
    if (!head) throw new Error("the store has no genesis");
    if (head.height !== height - 1) throw new Error(`block ${height} does not follow the head at ${head.height}`);
    return head;
  }
}

/** What a readiness check reads of a block's transactions; one that does not decode is refused by checkBlock later, and needs nothing loaded. */
export function* blockTxKinds(parts: Pick<BlockParts, "txs" | "admitted">): Iterable<TxKind> {
  for (const [index, bytes] of parts.txs.entries()) {
    let tx = parts.admitted?.[index]?.tx;
    try {
      tx ??= decodeSignedTx(bytes);
    } catch {
      continue;
    }
    yield tx;
  }
}
