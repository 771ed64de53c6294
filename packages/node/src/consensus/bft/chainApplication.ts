import {
  type BlockHeader,
  type CborValue,
  type Commit,
  type CryptoSuite,
  addressOf,
  bytesEqual,
  decodeBounded,
  decodeHeader,
  decodeSignedTx,
  encodeCanonical,
  encodeCommit,
  encodeHeader,
  merkleRoot,
  protocolLimits,
  toHex,
  txSigningBytesOfEncoded,
} from "@kexin/core";
import type { AdmittedTx, BlockExecution, Executor, ModuleRegistry } from "../../execution/index.ts";
import type { Mempool } from "../../mempool/index.ts";
import type { ChainStore, DiskReserve } from "../../storage/index.ts";
import type { Clock, CommittedBlock } from "../interface.ts";
import { type CertifiedBlock, txHashBytes } from "./messages.ts";
import type { ReplicaApplication, Scheduler } from "./replica.ts";
import type { ValidatorSet } from "./validatorSet.ts";
import type { ValidatorSchedule } from "../validatorSchedule.ts";

/** A proposed block on the wire: the encoded header and the transactions in order. */
export function encodeProposedBlock(header: Uint8Array, txs: readonly Uint8Array[]): Uint8Array {
  return encodeCanonical({ header, txs: [...txs] });
}

interface DecodedBlock {
  readonly headerBytes: Uint8Array;
  readonly header: BlockHeader;
  readonly hash: Uint8Array;
  readonly txs: readonly Uint8Array[];
  /**
   * For a block built or assembled here: the transactions already decoded, hashed and
   * signature-checked (taken from the mempool, or fetched and verified), aligned with txs. An entry
   * is missing for a fetched transaction that failed those checks; validation then refuses it.
   */
  readonly admitted?: readonly (AdmittedTx | undefined)[];
}

/** A proposal's parts as they travel: see CompactProposalMessage. */
export interface CompactBlock {
  readonly header: Uint8Array;
  readonly txHashes: Uint8Array;
}

interface CheckedBlock {
  readonly decoded: DecodedBlock;
  readonly admitted: readonly AdmittedTx[];
  readonly execution: BlockExecution;
}

export interface ChainApplicationDependencies {
  readonly suite: CryptoSuite;
  readonly chainId: string;
  readonly store: ChainStore;
  /**
   * Checked before each decided block is written: below it commitBlock throws and the node halts
   * (a local liveness decision: no hash depends on it), so LMDB never finds the disk full mid-commit.
   */
  readonly diskReserve: DiskReserve;
  readonly mempool: Mempool;
  readonly executor: Executor;
  readonly registry: ModuleRegistry;
  readonly clock: Clock;
  readonly schedule: ValidatorSchedule;
  /** This node's validator key, if it proposes blocks. */
  readonly proposerPublicKey: Uint8Array | undefined;
  readonly blockTxsMax: number;
  readonly blockBytesMax: number;
  /** With some transactions waiting, a proposer waits this long after the last block to fill the next. */
  readonly blockIntervalMs: number;
  /** With none waiting, it proposes an empty block after this long, so rounds and timeouts stay short. */
  readonly emptyBlockIntervalMs: number;
  /** A proposer puts in no more transactions than it executes in about this long (see proposalTxsMax). */
  readonly blockExecutionMsTarget: number;
  readonly scheduleTimer: Scheduler;
  readonly onCommitted: (block: CommittedBlock) => void;
}

/** Checked blocks kept between validation and commit; proposals per height are few. */
const checkedBlocksMax = 16;
/** How much each executed block's timing counts against the earlier ones' in the running estimate. */
const executionEstimateDecay = 0.5;
/** A proposal is never cut below this many transactions, however slow execution seems. */
const proposalTxsMin = 100;

/**
 * The ledger as the BFT replica sees it: builds a block from the mempool, checks a proposed block
 * by re-executing it against committed state, and commits a decided block with its certificate.
 */
export class ChainApplication implements ReplicaApplication {
  private readonly decoded = new WeakMap<Uint8Array, DecodedBlock | null>();
  private readonly checked = new Map<string, CheckedBlock>();
  /** The transactions of the checked blocks by hash; built on demand, dropped when they change. */
  private checkedTxs: Map<string, AdmittedTx> | undefined;
  private lastCommitAtMs: number;
  private proposalWaiter: { check: () => void } | undefined;
  /** Recent execution time and transactions, decayed per block: their ratio is the time per transaction. */
  private executionEstimate = { ms: 0, txs: 0 };

  constructor(private readonly dependencies: ChainApplicationDependencies) {
    this.lastCommitAtMs = dependencies.clock.now();
  }

  /** New transactions reached the mempool: a waiting proposer may be ready now. */
  notifyTxs(): void {
    this.proposalWaiter?.check();
  }

  awaitProposal(_height: number, round: number, ready: () => void): () => void {
    const { mempool, clock, scheduleTimer: schedule, blockIntervalMs, emptyBlockIntervalMs } = this.dependencies;
    let cancelTimer: (() => void) | undefined;
    const waiter = {
      check: (): void => {
        const sinceCommitMs = clock.now() - this.lastCommitAtMs;
        // A later round means the chain is already late: propose what there is.
        const due =
          round > 0 || mempool.size >= this.proposalTxsMax() || (mempool.size > 0 && sinceCommitMs >= blockIntervalMs) || sinceCommitMs >= emptyBlockIntervalMs;
        cancelTimer?.();
        if (due) {
          cancel();
          ready();
          return;
        }
        const waitMs = (mempool.size > 0 ? blockIntervalMs : emptyBlockIntervalMs) - sinceCommitMs;
        cancelTimer = schedule(Math.max(1, waitMs), () => waiter.check());
      },
    };
    const cancel = (): void => {
      cancelTimer?.();
      if (this.proposalWaiter === waiter) this.proposalWaiter = undefined;
    };
    this.proposalWaiter = waiter;
    // Never call ready() from inside this call: the replica has not stored the cancel function yet.
    cancelTimer = schedule(0, () => waiter.check());
    return cancel;
  }

  committedHeight(): number {
    return this.dependencies.store.head()?.height ?? 0;
  }

  validatorsFor(height: number): ValidatorSet {
    return this.dependencies.schedule.at(height).set;
  }

  buildBlock(height: number, _round: number): Uint8Array {
    const { suite, chainId, store, mempool, clock, blockBytesMax, proposerPublicKey } = this.dependencies;
    const validatorsHash = this.dependencies.schedule.at(height).hash;
    const head = store.head();
    if (!head || head.height !== height - 1) throw new Error(`cannot build block ${height} on head ${head?.height}`);
    if (!proposerPublicKey) throw new Error("a node without a validator key cannot propose");
    const admitted = this.includable(mempool.reap(this.proposalTxsMax(), blockBytesMax), height);
    const time = Math.max(clock.now(), head.time);
    const execution = this.execute(admitted, height, time);
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
      validatorsHash,
      proposer: proposerPublicKey,
    };
    const headerBytes = encodeHeader(header);
    const block = encodeProposedBlock(headerBytes, txs);
    const decoded: DecodedBlock = { headerBytes, header, hash: suite.hash(headerBytes), txs, admitted };
    this.decoded.set(block, decoded);
    this.remember({ decoded, admitted, execution });
    return block;
  }

  /**
   * How many transactions this node proposes at most: as many as it executed in about
   * blockExecutionMsTarget lately, within blockTxsMax. Under load execution slows down and blocks
   * shrink, so each height (build, validation everywhere, commit) stays short and a proposal stays
   * well inside the propose timeout; idle, the whole blockTxsMax fits. A proposer's choice only:
   * validity never depends on it.
   */
  proposalTxsMax(): number {
    const { blockTxsMax, blockExecutionMsTarget } = this.dependencies;
    const { ms, txs } = this.executionEstimate;
    if (ms <= 0 || txs <= 0) return blockTxsMax;
    return Math.min(blockTxsMax, Math.max(proposalTxsMin, Math.floor((blockExecutionMsTarget * txs) / ms)));
  }

  /** Executes a block's transactions, timing it for proposalTxsMax. */
  private execute(admitted: readonly AdmittedTx[], height: number, time: number): BlockExecution {
    const startedMs = performance.now();
    const execution = this.dependencies.executor.executeBlock(admitted, { height, time });
    if (admitted.length > 0) {
      const estimate = this.executionEstimate;
      this.executionEstimate = { ms: estimate.ms * executionEstimateDecay + (performance.now() - startedMs), txs: estimate.txs * executionEstimateDecay + admitted.length };
    }
    return execution;
  }

  /** A block header from a compact proposal, decoded, with its hash; undefined if it does not decode. */
  headerOf(headerBytes: Uint8Array): { header: BlockHeader; hash: Uint8Array } | undefined {
    try {
      return { header: decodeHeader(headerBytes), hash: this.dependencies.suite.hash(headerBytes) };
    } catch {
      return undefined;
    }
  }

  /** A transaction this node holds, decoded and checked: waiting in the mempool, or in a block it checked at this height. */
  knownTx(txHashHex: string): AdmittedTx | undefined {
    const waiting = this.dependencies.mempool.get(txHashHex);
    if (waiting) return waiting;
    // Rare (a transaction fetched for an earlier round's block), so the index is built only when asked.
    if (!this.checkedTxs) {
      this.checkedTxs = new Map();
      for (const checked of this.checked.values()) for (const admitted of checked.admitted) this.checkedTxs.set(toHex(admitted.hash), admitted);
    }
    return this.checkedTxs.get(txHashHex);
  }

  /**
   * The whole block of a compact proposal, from its header and its transactions in order: each
   * either checked already, or raw bytes that validation will check in full.
   */
  assembleBlock(headerBytes: Uint8Array, header: BlockHeader, hash: Uint8Array, txs: readonly (AdmittedTx | Uint8Array)[]): Uint8Array {
    const bytes = txs.map((tx) => (tx instanceof Uint8Array ? tx : tx.bytes));
    const block = encodeProposedBlock(headerBytes, bytes);
    this.decoded.set(block, { headerBytes, header, hash, txs: bytes, admitted: txs.map((tx) => (tx instanceof Uint8Array ? undefined : tx)) });
    return block;
  }

  /** The header and transaction hashes a proposal of this block carries on the wire; undefined if it does not decode. */
  compactBlock(block: Uint8Array): CompactBlock | undefined {
    const decoded = this.decode(block);
    if (!decoded) return undefined;
    const txHashes = new Uint8Array(decoded.txs.length * txHashBytes);
    decoded.txs.forEach((bytes, index) => txHashes.set(decoded.admitted?.[index]?.hash ?? this.dependencies.suite.hash(bytes), index * txHashBytes));
    return { header: decoded.headerBytes, txHashes };
  }

  /**
   * Drops what another proposer's block made stale: with several mempools, a different
   * transaction may have taken an account's nonce first. Keeps each account's nonces consecutive.
   */
  private includable(reaped: readonly AdmittedTx[], height: number): AdmittedTx[] {
    const mempool = this.dependencies.mempool;
    const nextNonce = new Map<string, number>();
    const included: AdmittedTx[] = [];
    for (const admitted of reaped) {
      const expected = nextNonce.get(admitted.address) ?? mempool.committedNonce(admitted.address);
      // Reaped transactions are not committed: committing a block takes its transactions out of the mempool.
      if (admitted.tx.nonce !== expected || admitted.tx.expiry < height) continue;
      nextNonce.set(admitted.address, expected + 1);
      included.push(admitted);
    }
    return included;
  }

  identifyBlock(block: Uint8Array): { height: number; hash: Uint8Array } | undefined {
    const decoded = this.decode(block);
    return decoded ? { height: decoded.header.height, hash: decoded.hash } : undefined;
  }

  validateBlock(height: number, block: Uint8Array): string | undefined {
    const decoded = this.decode(block);
    if (!decoded) return "does not decode as a block";
    if (this.checked.has(toHex(decoded.hash))) return undefined;
    try {
      this.remember(this.check(height, decoded));
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  commitBlock(height: number, block: Uint8Array, commit: Commit): void {
    const { store, mempool, executor } = this.dependencies;
    const decoded = this.decode(block);
    if (!decoded) throw new Error(`decided block ${height} does not decode`);
    const hashHex = toHex(decoded.hash);
    const checked = this.checked.get(hashHex) ?? this.check(height, decoded);
    const head = store.head();
    if (!head) throw new Error("the store has no genesis");
    this.dependencies.diskReserve.assertAboveReserve();
    store.commitBlock({
      height,
      hash: decoded.hash,
      header: decoded.headerBytes,
      commit: encodeCommit(commit),
      txs: checked.admitted.map((admitted, index) => ({ hash: admitted.hash, bytes: admitted.bytes, result: checked.execution.resultBytes[index] as Uint8Array })),
      stateWrites: checked.execution.writes,
      head: { height, hash: decoded.hash, time: decoded.header.time, appHash: executor.appHash(head.appHash, height, checked.execution.writes) },
    });
    this.checked.clear();
    this.checkedTxs = undefined;
    this.lastCommitAtMs = this.dependencies.clock.now();
    mempool.afterBlock(checked.admitted, height + 1);
    this.dependencies.onCommitted({ height, hash: decoded.hash, header: decoded.header, txs: checked.admitted, results: checked.execution.results, round: commit.round });
  }

  certifiedBlock(height: number): CertifiedBlock | undefined {
    const stored = this.dependencies.store.getBlock(height);
    return stored ? { block: encodeProposedBlock(stored.header, stored.txs), commit: stored.commit } : undefined;
  }

  private remember(checked: CheckedBlock): void {
    if (this.checked.size >= checkedBlocksMax) this.checked.delete(this.checked.keys().next().value as string);
    this.checked.set(toHex(checked.decoded.hash), checked);
    this.checkedTxs = undefined;
  }

  private decode(block: Uint8Array): DecodedBlock | undefined {
    const known = this.decoded.get(block);
    if (known !== undefined) return known ?? undefined;
    let decoded: DecodedBlock | null = null;
    try {
      // The envelope is never hashed: the header is, and its txRoot binds the transactions.
      const value = decodeBounded(block, this.dependencies.blockBytesMax + protocolLimits.headerBytesMax + 1024) as Record<string, CborValue>;
      const keys = value && typeof value === "object" ? Object.keys(value) : [];
      if (keys.length === 2 && value.header instanceof Uint8Array && Array.isArray(value.txs) && value.txs.every((tx) => tx instanceof Uint8Array)) {
        const header = decodeHeader(value.header);
        decoded = { headerBytes: value.header, header, hash: this.dependencies.suite.hash(value.header), txs: value.txs as Uint8Array[] };
      }
    } catch {
      decoded = null;
    }
    this.decoded.set(block, decoded);
    return decoded ?? undefined;
  }

  /** Every rule a proposed block must meet; throws the first broken one. */
  private check(height: number, decoded: DecodedBlock): CheckedBlock {
    const { suite, chainId, store, mempool, registry, blockTxsMax, blockBytesMax } = this.dependencies;
    const { set: validators, hash: validatorsHash } = this.dependencies.schedule.at(height);
    const { header, txs } = decoded;
    const head = store.head();
    if (!head) throw new Error("the store has no genesis");
    if (header.chainId !== chainId) throw new Error(`header is for chain "${header.chainId}"`);
    if (header.height !== height || head.height !== height - 1) throw new Error(`header height ${header.height} does not follow ${head.height}`);
    if (!bytesEqual(header.prevHash, head.hash)) throw new Error("prevHash is not the hash of the last committed block");
    if (!bytesEqual(header.appHash, head.appHash)) throw new Error("appHash is not the state after the last committed block");
    if (!bytesEqual(header.validatorsHash, validatorsHash)) throw new Error("validatorsHash is not this height's validator set");
    if (validators.indexOf(header.proposer) === undefined) throw new Error("proposer is not a validator");
    if (header.time < head.time) throw new Error(`time ${header.time} is before the last block's ${head.time}`);
    if (header.txCount !== txs.length) throw new Error(`header counts ${header.txCount} transactions; the block holds ${txs.length}`);
    if (txs.length > blockTxsMax) throw new Error(`block holds ${txs.length} transactions; at most ${blockTxsMax} are allowed`);
    const sizeBytes = txs.reduce((sum, tx) => sum + tx.length, 0);
    if (sizeBytes > blockBytesMax) throw new Error(`transactions total ${sizeBytes} bytes; at most ${blockBytesMax} are allowed`);
    if (!bytesEqual(header.txRoot, merkleRoot(suite.hash, txs))) throw new Error("txRoot does not match the transactions");
    const seen = new Set<string>();
    const admitted: AdmittedTx[] = txs.map((bytes, index) => {
      if (bytes.length > protocolLimits.txBytesMax) throw new Error(`transaction ${index} is too large`);
      const known = decoded.admitted?.[index];
      const hash = known?.hash ?? suite.hash(bytes);
      const txHashHex = toHex(hash);
      const pooled = mempool.get(txHashHex);
      // Nothing in the mempool is committed (committing a block takes its transactions out), which spares a lookup per transaction.
      if (seen.has(txHashHex) || (pooled === undefined && store.hasTx(hash))) throw new Error(`transaction ${txHashHex} is included twice`);
      seen.add(txHashHex);
      // A transaction from our mempool, or fetched for this block, was decoded, resolved and signature-checked already.
      const waiting = known ?? pooled;
      const tx = waiting?.tx ?? decodeSignedTx(bytes);
      if (tx.chainId !== chainId) throw new Error(`transaction ${index} is for chain "${tx.chainId}"`);
      if (tx.expiry < height) throw new Error(`transaction ${txHashHex} expired at height ${tx.expiry}`);
      if (waiting) return waiting;
      if (!suite.verify(tx.signer, txSigningBytesOfEncoded(tx, bytes), tx.signature)) throw new Error(`transaction ${txHashHex} has a bad signature`);
      const resolved = registry.resolveTx(tx.module, tx.type, tx.payload);
      return { tx, bytes, hash, address: addressOf(suite, tx.signer), resolved };
    });
    const execution = this.execute(admitted, height, header.time);
    if (!bytesEqual(header.resultsRoot, merkleRoot(suite.hash, execution.resultBytes))) throw new Error("resultsRoot does not match re-execution");
    return { decoded, admitted, execution };
  }
}
