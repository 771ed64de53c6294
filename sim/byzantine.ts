import {
  type BlockHeader,
  type CborValue,
  type CryptoSuite,
  addressOf,
  concatBytes,
  decodeHeader,
  decodeSignedTx,
  decodeTrusted,
  encodeHeader,
  merkleRoot,
} from "@kexin/core";
import { type CompactProposalMessage, type ProposalMessage, proposalSigningBytes } from "../packages/node/src/consensus/bft/index.ts";
import { type AdmittedTx, type BlockExecution, type BlockInfo, Executor, type ModuleRegistry } from "../packages/node/src/execution/index.ts";

/**
 * Executes a block as if every transaction carried its account's next nonce: the executor of a
 * Byzantine validator that wants blocks with replayed or skipped nonces to look valid.
 */
export class NonceIgnoringExecutor extends Executor {
  override executeBlock(txs: readonly AdmittedTx[], block: BlockInfo): BlockExecution {
    const next = new Map<string, number>();
    const disguised = txs.map((admitted) => {
      const expected = next.get(admitted.address) ?? this.committedNonce(admitted.address);
      next.set(admitted.address, expected + 1);
      return admitted.tx.nonce === expected ? admitted : { ...admitted, tx: { ...admitted.tx, nonce: expected } };
    });
    return super.executeBlock(disguised, block);
  }
}

/** What a Byzantine proposer needs to forge a second block for a round it proposes. */
export interface ForgeTools {
  readonly suite: CryptoSuite;
  readonly chainId: string;
  readonly registry: ModuleRegistry;
  readonly executor: Executor;
  sign(message: Uint8Array): Uint8Array;
}

function admittedOf(tools: ForgeTools, bytes: Uint8Array): AdmittedTx {
  const tx = decodeSignedTx(bytes);
  return { tx, bytes, hash: tools.suite.hash(bytes), address: addressOf(tools.suite, tx.signer), resolved: tools.registry.resolveTx(tx.module, tx.type, tx.payload) };
}

/**
 * A second proposal for the same height and round as `honest`, with other transactions (none,
 * or `txs`, which may break the rules) and a later time, executed by the forger's own executor so
 * its header is consistent. Returns the compact proposal peers receive.
 */
export function forgeProposal(tools: ForgeTools, honest: ProposalMessage, txs: readonly Uint8Array[]): CompactProposalMessage {
  const envelope = decodeTrusted(honest.block) as Record<string, CborValue>;
  const header = decodeHeader(envelope.header as Uint8Array);
  const admitted = txs.map((bytes) => admittedOf(tools, bytes));
  const time = header.time + 1;
  const execution = tools.executor.executeBlock(admitted, { height: header.height, time, proposer: header.proposer });
  const forged: BlockHeader = {
    ...header,
    time,
    txCount: txs.length,
    txRoot: merkleRoot(tools.suite.hash, txs),
    resultsRoot: merkleRoot(tools.suite.hash, execution.resultBytes),
  };
  const headerBytes = encodeHeader(forged);
  const hash = tools.suite.hash(headerBytes);
  const signature = tools.sign(proposalSigningBytes(tools.chainId, honest.height, honest.round, honest.validRound, hash));
  return { type: "proposal", height: honest.height, round: honest.round, validRound: honest.validRound, header: headerBytes, txHashes: concatBytes(...admitted.map((tx) => tx.hash)), signature };
}
