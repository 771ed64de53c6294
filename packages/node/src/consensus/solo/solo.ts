import {
  type CryptoSuite,
  type BlockHeader,
  VoteType,
  encodeCommit,
  encodeHeader,
  merkleRoot,
  voteSigningBytes,
} from "@kexin/core";
import type { Executor } from "../../execution/index.ts";
import type { Mempool } from "../../mempool/index.ts";
import type { ChainStore, DiskReserve } from "../../storage/index.ts";
import type { BlockListener, Clock, CommittedBlock, Consensus, RoundState } from "../interface.ts";
import type { SoloOptions } from "./options.ts";

export interface SoloDependencies {
  readonly options: SoloOptions;
  readonly suite: CryptoSuite;
  readonly chainId: string;
  readonly validatorPrivateKey: Uint8Array;
  readonly validatorsHash: Uint8Array;
  readonly store: ChainStore;
  /** Checked before each block is built: below it the engine halts rather than let LMDB find the disk full mid-commit. */
  readonly diskReserve: DiskReserve;
  readonly mempool: Mempool;
  readonly executor: Executor;
  readonly clock: Clock;
  readonly logger: { info(object: object, message: string): void; error(object: object, message: string): void };
  /** Called once when the engine stops because a block could not be built or written. */
  readonly onHalt: (error: unknown) => void;
}

/**
 * One validator that cuts a block whenever transactions are waiting: at once when a full block's
 * worth is pending, otherwise after blockIntervalMs. Nothing pending, no block.
 */
export class SoloConsensus implements Consensus {
  readonly engine = "solo" as const;
  private readonly listeners = new Set<BlockListener>();
  private readonly validatorPublicKey: Uint8Array;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private immediate: ReturnType<typeof setImmediate> | undefined;
  private closed = false;
  private haltError: unknown;

  constructor(private readonly dependencies: SoloDependencies) {
    this.validatorPublicKey = dependencies.suite.publicKeyOf(dependencies.validatorPrivateKey);
  }

  notifyTxs(): void {
    if (this.closed) return;
    const { mempool, options } = this.dependencies;
    if (mempool.size === 0) return;
    if (mempool.size >= options.blockTxsMax || mempool.sizeBytes >= options.blockBytesMax) {
      this.immediate ??= setImmediate(() => this.produce());
    } else {
      this.timer ??= setTimeout(() => this.produce(), options.blockIntervalMs);
    }
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
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
  }

  private produce(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
    if (this.closed) return;
    let block: CommittedBlock | undefined;
    try {
      block = this.commitNextBlock();
    } catch (error) {
      // A block that cannot be built or written means state or storage is broken (or the disk is nearly full): stop rather than diverge.
      this.dependencies.logger.error({ err: error }, "block production halted; the node stops producing blocks");
      this.closed = true;
      this.haltError = error ?? new Error("block production failed");
      this.dependencies.onHalt(this.haltError);
      return;
    }
    if (block) {
      for (const listener of this.listeners) {
        try {
          listener(block);
        } catch (error) {
          this.dependencies.logger.error({ err: error }, "block listener failed");
        }
      }
    }
    this.notifyTxs();
  }

  private commitNextBlock(): CommittedBlock | undefined {
    const { suite, chainId, store, diskReserve, mempool, executor, options, clock } = this.dependencies;
    const txs = mempool.reap(options.blockTxsMax, options.blockBytesMax);
    if (txs.length === 0) return undefined;
    diskReserve.assertAboveReserve();
    const head = store.head();
    if (!head) throw new Error("the store has no genesis");
    const height = head.height + 1;
    const time = Math.max(clock.now(), head.time);
    const execution = executor.executeBlock(txs, { height, time });
    const header: BlockHeader = {
      chainId,
      height,
      time,
      prevHash: head.hash,
      txCount: txs.length,
      txRoot: merkleRoot(suite.hash, txs.map((admitted) => admitted.bytes)),
      resultsRoot: merkleRoot(suite.hash, execution.resultBytes),
      appHash: head.appHash,
      validatorsHash: this.dependencies.validatorsHash,
      proposer: this.validatorPublicKey,
    };
    const headerBytes = encodeHeader(header);
    const hash = suite.hash(headerBytes);
    const signature = suite.sign(this.dependencies.validatorPrivateKey, voteSigningBytes({ chainId, height, round: 0, type: VoteType.precommit, blockHash: hash }));
    const commit = encodeCommit({ height, round: 0, blockHash: hash, signatures: [{ validator: this.validatorPublicKey, signature }] });
    store.commitBlock({
      height,
      hash,
      header: headerBytes,
      commit,
      txs: txs.map((admitted, index) => ({ hash: admitted.hash, bytes: admitted.bytes, result: execution.resultBytes[index] as Uint8Array })),
      stateWrites: execution.writes,
      head: { height, hash, time, appHash: executor.appHash(head.appHash, height, execution.writes) },
    });
    mempool.afterBlock(txs, height + 1);
    return { height, hash, header, txs, results: execution.results, round: 0 };
  }
}
