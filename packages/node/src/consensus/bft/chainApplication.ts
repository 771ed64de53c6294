import { type BlockHeader, type CborValue, type Commit, type CryptoSuite, decodeBounded, decodeHeader, encodeCanonical, protocolLimits, toHex } from "@kexin/core";
import { BlockPipeline, type BlockPipelineDependencies, type BlockParts, BlockValidationError, type ExecutedBlock, blockLimitsBound, blockRefusalReason } from "../../blockPipeline/index.ts";
import type { AdmittedTx, BlockExecution, ChainParameterReader, Executor, ModuleRegistry } from "../../execution/index.ts";
import type { Mempool } from "../../mempool/index.ts";
import type { ChainStore, DiskReserve } from "../../storage/index.ts";
import type { Clock, CommittedBlock, Scheduler } from "../interface.ts";
import { type CertifiedBlock, txHashBytes } from "./messages.ts";
import type { ReplicaApplication } from "./replica.ts";
import type { ValidatorSet } from "./validatorSet.ts";
import type { ValidatorSchedule } from "../validatorSchedule.ts";

/** A proposed block on the wire: the encoded header and the transactions in order. */
export function encodeProposedBlock(header: Uint8Array, txs: readonly Uint8Array[]): Uint8Array {
  return encodeCanonical({ header, txs: [...txs] });
}

/** The transactions of a proposed block as encodeProposedBlock wrote it; none when it does not decode. */
export function proposedBlockTxs(block: Uint8Array): Uint8Array[] {
  try {
    const value = decodeBounded(block, block.length) as Record<string, CborValue> | null;
    const txs = value !== null && typeof value === "object" ? value.txs : undefined;
    return Array.isArray(txs) ? txs.filter((tx): tx is Uint8Array => tx instanceof Uint8Array) : [];
  } catch {
    return [];
  }
}

/** A proposal's parts as they travel: see CompactProposalMessage. */
export interface CompactBlock {
  readonly header: Uint8Array;
  readonly txHashes: Uint8Array;
}

export interface ChainApplicationDependencies {
  readonly suite: CryptoSuite;
  readonly chainId: string;
  readonly store: Pick<ChainStore, "head" | "hasTx" | "commitBlock" | "getBlock">;
  /** See BlockPipelineDependencies.diskReserve. */
  readonly diskReserve: Pick<DiskReserve, "assertAboveReserve">;
  readonly mempool: Mempool;
  readonly executor: Pick<Executor, "executeBlock" | "appHash" | "ready">;
  readonly registry: ModuleRegistry;
  readonly clock: Clock;
  readonly schedule: ValidatorSchedule;
  /** This node's validator key, if it proposes blocks. */
  readonly proposerPublicKey: Uint8Array | undefined;
  /** The chain parameters by height (the block limits every node checks). */
  readonly parameters: ChainParameterReader;
  /** This node's own caps on the blocks it proposes, under the chain's limits. */
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
  /** Builds the block pipeline; the simulator passes deliberately broken ones to prove it catches them. */
  readonly createPipeline?: (dependencies: BlockPipelineDependencies) => BlockPipeline;
}

/** Checked blocks kept between validation and commit; proposals per height are few. */
const checkedBlocksMax = 16;
/** How much each executed block's timing counts against the earlier ones' in the running estimate. */
const executionEstimateDecay = 0.5;
/** A proposal is never cut below this many transactions, however slow execution seems. */
const proposalTxsMin = 100;

/**
 * The ledger as the BFT replica sees it. Building, checking and committing blocks is the
 * BlockPipeline's, as on solo; this adds what only BFT needs: blocks as encoded proposals (compact
 * on the wire, assembled from the mempool), the pacing of proposals, the proposal size estimate,
 * and the blocks checked while a height is decided.
 */
export class ChainApplication implements ReplicaApplication {
  private readonly pipeline: BlockPipeline;
  private readonly decoded = new WeakMap<Uint8Array, BlockParts | null>();
  private readonly checked = new Map<string, ExecutedBlock>();
  /** The transactions of the checked blocks by hash; built on demand, dropped when they change. */
  private checkedTxs: Map<string, AdmittedTx> | undefined;
  private lastCommitAtMs: number;
  private proposalWaiter: { check: () => void } | undefined;
  /** Recent execution time and transactions, decayed per block: their ratio is the time per transaction. */
  private executionEstimate = { ms: 0, txs: 0 };

  constructor(private readonly dependencies: ChainApplicationDependencies) {
    const { suite, chainId, registry, store, diskReserve, mempool, executor, clock, parameters, blockTxsMax, blockBytesMax } = dependencies;
    this.lastCommitAtMs = clock.now();
    // Execution is timed for proposalTxsMax; the pipeline does not know.
    const timedExecutor = { executeBlock: this.execute.bind(this, executor), appHash: executor.appHash.bind(executor), ready: executor.ready.bind(executor) };
    const pipelineDependencies: BlockPipelineDependencies = { suite, chainId, registry, store, diskReserve, mempool, executor: timedExecutor, clock, parameters, blockTxsMax, blockBytesMax };
    this.pipeline = dependencies.createPipeline?.(pipelineDependencies) ?? new BlockPipeline(pipelineDependencies);
  }

  /** New transactions reached the mempool: a waiting proposer may be ready now. */
  txsAvailable(): void {
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
          const loading = this.pipeline.readyToBuild(this.proposalTxsMax());
          if (loading !== undefined) {
            // Checked again once loaded, through the scheduler as every check is.
            const resume = (): void => {
              if (this.proposalWaiter === waiter) cancelTimer = schedule(0, () => waiter.check());
            };
            loading.then(resume, resume);
            return;
          }
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
    const { proposerPublicKey } = this.dependencies;
    if (!proposerPublicKey) throw new Error("a node without a validator key cannot propose");
    const built = this.pipeline.buildBlock(height, { proposer: proposerPublicKey, validatorsHash: this.dependencies.schedule.at(height).hash, txsMax: this.proposalTxsMax() });
    const block = encodeProposedBlock(built.parts.headerBytes, built.parts.txs);
    this.decoded.set(block, built.parts);
    this.remember(built);
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
  private execute(executor: Pick<Executor, "executeBlock">, admitted: readonly AdmittedTx[], block: { height: number; time: number }): BlockExecution {
    const startedMs = performance.now();
    const execution = executor.executeBlock(admitted, block);
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

  identifyBlock(block: Uint8Array): { height: number; hash: Uint8Array } | undefined {
    const decoded = this.decode(block);
    return decoded ? { height: decoded.header.height, hash: decoded.hash } : undefined;
  }

  /**
   * Undefined when the block (a proposal, or one fetched by sync) can be checked at once; otherwise
   * a promise to await before handing it to the replica. One that does not decode needs nothing.
   */
  readyToCheck(block: Uint8Array): Promise<void> | undefined {
    const parts = this.decode(block);
    return parts === undefined ? undefined : this.pipeline.readyToCheck(parts);
  }

  /** Undefined if the block may be committed as the next; otherwise its BlockValidationError as "CODE: message". */
  validateBlock(height: number, block: Uint8Array): string | undefined {
    try {
      const parts = this.decodeOrRefuse(block);
      if (this.checked.has(toHex(parts.hash))) return undefined;
      this.remember(this.check(height, parts));
      return undefined;
    } catch (error) {
      return blockRefusalReason(error);
    }
  }

  commitBlock(height: number, block: Uint8Array, commit: Commit): void {
    const parts = this.decodeOrRefuse(block);
    const checked = this.checked.get(toHex(parts.hash)) ?? this.check(height, parts);
    const committed = this.pipeline.commitBlock(checked, commit);
    this.checked.clear();
    this.checkedTxs = undefined;
    this.lastCommitAtMs = this.dependencies.clock.now();
    this.dependencies.onCommitted(committed);
  }

  private check(height: number, parts: BlockParts): ExecutedBlock {
    const { set, hash } = this.dependencies.schedule.at(height);
    return this.pipeline.checkBlock(height, parts, { hash, isValidator: (publicKey) => set.indexOf(publicKey) !== undefined });
  }

  certifiedBlock(height: number): CertifiedBlock | undefined {
    const stored = this.dependencies.store.getBlock(height);
    return stored ? { block: encodeProposedBlock(stored.header, stored.txs), commit: stored.commit } : undefined;
  }

  private remember(checked: ExecutedBlock): void {
    if (this.checked.size >= checkedBlocksMax) this.checked.delete(this.checked.keys().next().value as string);
    this.checked.set(toHex(checked.parts.hash), checked);
    this.checkedTxs = undefined;
  }

  private decodeOrRefuse(block: Uint8Array): BlockParts {
    const parts = this.decode(block);
    if (!parts) throw new BlockValidationError({ code: "BLOCK_DOES_NOT_DECODE" }, "does not decode as a block");
    return parts;
  }

  private decode(block: Uint8Array): BlockParts | undefined {
    const known = this.decoded.get(block);
    if (known !== undefined) return known ?? undefined;
    let decoded: BlockParts | null = null;
    try {
      // The envelope is never hashed: the header is, and its txRoot binds the transactions.
      const value = decodeBounded(block, blockLimitsBound.bytesMax + protocolLimits.headerBytesMax + 1024) as Record<string, CborValue>;
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
}
