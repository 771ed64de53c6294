import { type CryptoSuite, VoteType, voteSigningBytes } from "@kexin/core";
import { BlockPipeline } from "../../blockPipeline/index.ts";
import type { ChainParameterReader, Executor, ModuleRegistry } from "../../execution/index.ts";
import type { Mempool } from "../../mempool/index.ts";
import type { ChainStore, DiskReserve } from "../../storage/index.ts";
import { type BlockListener, type Clock, type CommittedBlock, type Consensus, type RoundState, type Scheduler, timerScheduler } from "../interface.ts";
import type { SoloOptions } from "./options.ts";

export interface SoloDependencies {
  readonly options: SoloOptions;
  readonly suite: CryptoSuite;
  readonly chainId: string;
  readonly validatorPrivateKey: Uint8Array;
  readonly validatorsHash: Uint8Array;
  readonly store: Pick<ChainStore, "head" | "hasTx" | "commitBlock" | "stateTreeRoot" | "readNode">;
  /** Checked before each block is written: below it the engine halts rather than let LMDB find the disk full mid-commit. */
  readonly diskReserve: Pick<DiskReserve, "assertAboveReserve">;
  readonly mempool: Mempool;
  readonly executor: Pick<Executor, "executeBlock" | "stateCommitment" | "ready">;
  readonly registry: ModuleRegistry;
  readonly clock: Clock;
  /** The chain parameters by height (the block limits). */
  readonly parameters: ChainParameterReader;
  /** Timers of block production; real ones unless a test or the simulator drives time. */
  readonly scheduler?: Scheduler;
  readonly logger: { info(object: object, message: string): void; error(object: object, message: string): void };
  /** Called once when the engine stops because a block could not be built or written. */
  readonly onHalt: (error: unknown) => void;
}

/**
 * One validator that cuts a block whenever transactions are waiting. An idle engine cuts one when a
 * transaction arrives (after idleBlockDelayMs, at once if a full block's worth waits); a busy one
 * starts the next block as soon as the previous is committed, so what arrived during a commit fills
 * the next block and a lone transaction never waits for a timer. Nothing pending, no block. Blocks
 * are built and committed by the same BlockPipeline as on BFT, with a commit certificate of its own
 * precommit.
 */
export class SoloConsensus implements Consensus {
  readonly engine = "solo" as const;
  private readonly listeners = new Set<BlockListener>();
  private readonly validatorPublicKey: Uint8Array;
  private readonly pipeline: BlockPipeline;
  private readonly scheduler: Scheduler;
  private readonly unsubscribe: () => void;
  /** The pending production, and whether it runs at once or after idleBlockDelayMs. */
  private scheduled: { readonly cancel: () => void; readonly immediate: boolean } | undefined;
  private closed = false;
  private haltError: unknown;

  constructor(private readonly dependencies: SoloDependencies) {
    const { suite, chainId, registry, store, diskReserve, mempool, executor, clock, parameters, options } = dependencies;
    this.validatorPublicKey = suite.publicKeyOf(dependencies.validatorPrivateKey);
    this.scheduler = dependencies.scheduler ?? timerScheduler;
    this.pipeline = new BlockPipeline({ suite, chainId, registry, store, diskReserve, mempool, executor, clock, parameters, blockTxsMax: options.blockTxsMax, blockBytesMax: options.blockBytesMax });
    this.unsubscribe = mempool.onTxsAvailable(() => this.scheduleBlock(false));
    // Transactions may wait already (none on a fresh mempool; the call costs nothing then).
    this.scheduleBlock(false);
  }

  /** Why the engine stopped producing blocks, if it did. */
  get halted(): unknown {
    return this.haltError;
  }

  /** Solo has one round per height and proposes every block itself. */
  roundState(): RoundState {
    return { height: (this.dependencies.store.head()?.height ?? 0) + 1, round: 0, step: "propose", proposer: this.validatorPublicKey };
  }

  onBlockCommitted(listener: BlockListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    this.scheduled?.cancel();
    this.scheduled = undefined;
  }

  /** Schedules the next block if transactions wait; `afterCommit` when the engine has just committed one. */
  private scheduleBlock(afterCommit: boolean): void {
    if (this.closed) return;
    const { mempool, options } = this.dependencies;
    if (mempool.size === 0) return;
    const immediate = afterCommit || options.idleBlockDelayMs <= 0 || this.fullBlockWaits();
    if (this.scheduled && (this.scheduled.immediate || !immediate)) return;
    // A full block's worth replaces the idle delay.
    this.scheduled?.cancel();
    this.scheduled = { cancel: this.scheduler(immediate ? 0 : options.idleBlockDelayMs, () => this.produce()), immediate };
  }

  private fullBlockWaits(): boolean {
    const { mempool, store } = this.dependencies;
    const limits = this.pipeline.buildLimits((store.head()?.height ?? 0) + 1);
    return mempool.size >= limits.txsMax || mempool.sizeBytes >= limits.bytesMax;
  }

  private produce(): void {
    this.scheduled = undefined;
    if (this.closed) return;
    let block: CommittedBlock | undefined;
    try {
      const loading = this.pipeline.readyToBuild(this.dependencies.options.blockTxsMax);
      if (loading !== undefined) {
        this.awaitReady(loading);
        return;
      }
      block = this.commitNextBlock();
    } catch (error) {
      this.halt(error);
      return;
    }
    // Nothing includable (every waiting transaction expired): the next admission schedules a block, not a busy loop here.
    if (!block) return;
    for (const listener of this.listeners) {
      try {
        listener(block);
      } catch (error) {
        this.dependencies.logger.error({ err: error }, "block listener failed");
      }
    }
    this.scheduleBlock(true);
  }

  /** Holds production until a module has loaded what the waiting transactions need (once per process), then produces. */
  private awaitReady(loading: Promise<void>): void {
    this.scheduled = { cancel: () => undefined, immediate: true };
    loading.then(
      () => this.produce(),
      (error: unknown) => {
        if (!this.closed) this.halt(error);
      },
    );
  }

  private halt(error: unknown): void {
    // A block that cannot be built or written means state or storage is broken (or the disk is nearly full): stop rather than diverge.
    this.dependencies.logger.error({ err: error }, "block production halted; the node stops producing blocks");
    this.haltError = error ?? new Error("block production failed");
    void this.close();
    this.dependencies.onHalt(this.haltError);
  }

  /** Builds, self-certifies and commits the next block through the pipeline; undefined when nothing is waiting. */
  private commitNextBlock(): CommittedBlock | undefined {
    const { suite, chainId, store, mempool, options, validatorPrivateKey, validatorsHash } = this.dependencies;
    if (mempool.size === 0) return undefined;
    const height = (store.head()?.height ?? 0) + 1;
    const block = this.pipeline.buildBlock(height, { proposer: this.validatorPublicKey, validatorsHash, txsMax: options.blockTxsMax });
    if (block.admitted.length === 0) return undefined;
    const blockHash = block.parts.hash;
    const signature = suite.sign(validatorPrivateKey, voteSigningBytes({ chainId, height, round: 0, type: VoteType.precommit, blockHash }));
    return this.pipeline.commitBlock(block, { height, round: 0, blockHash, signatures: [{ validator: this.validatorPublicKey, signature }] });
  }
}
