import { type CryptoSuite, toHex } from "@kexin/core";
import { blockLimitsBound, blockTxKinds } from "../../blockPipeline/index.ts";
import type { ChainParameterReader, Executor, ModuleRegistry, TxKind } from "../../execution/index.ts";
import type { Mempool, TxIntake } from "../../mempool/index.ts";
import type { ChainStore, DiskReserve } from "../../storage/index.ts";
import type { BlockListener, Clock, CommittedBlock, Consensus, RoundState } from "../interface.ts";
import { ChainApplication, proposedBlockTxs } from "./chainApplication.ts";
import { LmdbWal } from "./lmdbWal.ts";
import { type ConsensusMessage, type WireMessage, decodeConsensusMessage, encodeConsensusMessage, txHashBytes } from "./messages.ts";
import type { BftOptions } from "./options.ts";
import { ProposalAssembler } from "./proposalAssembler.ts";
import { type Equivocation, Replica, type Scheduler } from "./replica.ts";
import type { ValidatorSchedule } from "../validatorSchedule.ts";

/** How consensus messages travel between nodes; peers are named by their node key (hex). */
export interface ConsensusTransport {
  broadcast(topic: string, payload: Uint8Array): void;
  send(peer: string, topic: string, payload: Uint8Array): void;
  onMessage(topic: string, handler: (from: string, payload: Uint8Array) => void): () => void;
}

export const consensusTopic = "consensus";

export interface BftConsensusDependencies {
  readonly options: BftOptions;
  readonly suite: CryptoSuite;
  readonly chainId: string;
  /** Absent on a node that follows the chain without voting. */
  readonly validatorPrivateKey: Uint8Array | undefined;
  readonly schedule: ValidatorSchedule;
  readonly parameters: ChainParameterReader;
  readonly store: ChainStore;
  readonly diskReserve: DiskReserve;
  readonly mempool: Mempool;
  /** Where proposals find transactions still being verified, and verify those they fetch. */
  readonly intake: TxIntake;
  readonly executor: Executor;
  readonly registry: ModuleRegistry;
  readonly transport: ConsensusTransport;
  readonly clock: Clock;
  readonly logger: {
    info(object: object, message: string): void;
    warn(object: object, message: string): void;
    error(object: object, message: string): void;
  };
  readonly onEquivocation?: (equivocation: Equivocation) => void;
  readonly onHalt: (error: unknown) => void;
}

/**
 * Tendermint consensus for a node: a Replica over the chain's store and executor, a WAL in LMDB,
 * real timers and the node's p2p transport. Any failure to check or commit a block halts the node.
 */
export class BftConsensus implements Consensus {
  readonly engine = "bft" as const;
  private readonly listeners = new Set<BlockListener>();
  private readonly application: ChainApplication;
  private readonly replica: Replica;
  private readonly assembler: ProposalAssembler;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly unsubscribe: () => void;
  private readonly unsubscribeTxs: () => void;
  private closed = false;
  private haltError: unknown;

  constructor(private readonly dependencies: BftConsensusDependencies) {
    const { options, suite, chainId, validatorPrivateKey, store, diskReserve, mempool, intake, executor, registry, transport, clock, logger } = dependencies;
    // Compact proposals name transactions by fixed-length hashes.
    if (suite.hash(new Uint8Array(0)).length !== txHashBytes) throw new Error(`the ${suite.id} suite's hashes are not ${txHashBytes} bytes, as compact proposals need`);
    const schedule: Scheduler = (durationMs, callback) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.guard(callback);
      }, durationMs);
      this.timers.add(timer);
      return () => {
        clearTimeout(timer);
        this.timers.delete(timer);
      };
    };
    const publicKey = validatorPrivateKey ? suite.publicKeyOf(validatorPrivateKey) : undefined;
    this.application = new ChainApplication({
      suite,
      chainId,
      store,
      diskReserve,
      mempool,
      executor,
      registry,
      clock,
      schedule: dependencies.schedule,
      proposerPublicKey: publicKey,
      parameters: dependencies.parameters,
      blockTxsMax: options.blockTxsMax,
      blockBytesMax: options.blockBytesMax,
      blockIntervalMs: options.blockIntervalMs,
      emptyBlockIntervalMs: options.emptyBlockIntervalMs,
      blockExecutionMsTarget: options.blockExecutionMsTarget,
      scheduleTimer: schedule,
      onCommitted: (block) => this.emit(block),
    });
    const limits = { messageBytesMax: options.messageBytesMax, syncBlocksMax: options.syncBlocksMax, blockTxsMax: blockLimitsBound.txsMax };
    const encode = (message: ConsensusMessage): Uint8Array => encodeConsensusMessage(this.toWire(message));
    const verifySignature = (key: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean => key.length === suite.publicKeyBytes && suite.verify(key, message, signature);
    this.replica = new Replica({
      chainId,
      options,
      application: this.application,
      ...(validatorPrivateKey && publicKey ? { signer: { publicKey, sign: (bytes: Uint8Array) => suite.sign(validatorPrivateKey, bytes) } } : {}),
      verifySignature,
      network: {
        broadcast: (message) => transport.broadcast(consensusTopic, encode(message)),
        send: (peer, message) => transport.send(peer, consensusTopic, encode(message)),
      },
      schedule,
      wal: new LmdbWal(store),
      logger,
      ...(dependencies.onEquivocation ? { onEquivocation: dependencies.onEquivocation } : {}),
    });
    this.assembler = new ProposalAssembler({
      chainId,
      application: this.application,
      intake,
      hash: suite.hash,
      verifySignature,
      position: () => ({ height: this.replica.height, round: this.replica.round }),
      send: (peer, message) => transport.send(peer, consensusTopic, encodeConsensusMessage(message)),
      deliver: (from, message) => this.deliver(from, message),
      schedule,
      guard: (work) => this.guard(work),
      fetchTimeoutMs: options.txFetchTimeoutMs,
      // Room for the envelope, as for sync answers.
      responseBytesMax: options.messageBytesMax - 1024,
      logger,
    });
    this.unsubscribe = transport.onMessage(consensusTopic, (from, payload) => {
      let message: WireMessage;
      try {
        message = decodeConsensusMessage(payload, limits);
      } catch (error) {
        logger.warn({ peer: from, err: (error as Error).message }, "dropped a malformed consensus message");
        return;
      }
      this.guard(() => this.receive(from, message));
    });
    this.unsubscribeTxs = mempool.onTxsAvailable(() => this.guard(() => this.application.txsAvailable()));
    this.guard(() => this.replica.start());
  }

  get height(): number {
    return this.replica.height;
  }

  get round(): number {
    return this.replica.round;
  }

  roundState(): RoundState | undefined {
    return this.replica.roundState();
  }

  get halted(): unknown {
    return this.haltError;
  }

  onBlockCommitted(listener: BlockListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    this.unsubscribeTxs();
    this.replica.stop();
    this.assembler.close();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private receive(from: string, message: WireMessage): void {
    switch (message.type) {
      case "proposal":
        this.assembler.receive(from, message);
        return;
      case "txsRequest":
        this.assembler.answer(from, message);
        return;
      case "txsResponse":
        this.assembler.receiveTxs(from, message);
        return;
      default:
        this.deliver(from, message);
    }
  }

  /**
   * Hands a message to the replica once the blocks it carries can be checked: at once, unless a
   * module is still loading what their transactions need (the first contract transaction a process
   * sees). Votes are not held; the replica takes them in any order.
   */
  private deliver(from: string, message: ConsensusMessage): void {
    const loading = this.readyToCheck(message);
    if (loading === undefined) {
      this.replica.receive(from, message);
      return;
    }
    const resume = (): void => this.guard(() => this.replica.receive(from, message));
    loading.then(resume, resume);
  }

  private readyToCheck(message: ConsensusMessage): Promise<void> | undefined {
    if (message.type === "proposal") return this.application.readyToCheck(message.block);
    if (message.type !== "syncResponse") return undefined;
    const waiting = message.blocks.map((certified) => this.application.readyToCheck(certified.block)).filter((loading) => loading !== undefined);
    return waiting.length === 0 ? undefined : Promise.all(waiting).then(() => undefined);
  }

  /** Proposals travel compact: the header and the transactions' hashes. */
  private toWire(message: ConsensusMessage): WireMessage {
    if (message.type !== "proposal") return message;
    const compact = this.application.compactBlock(message.block);
    if (!compact) throw new Error(`the proposal for height ${message.height} carries a block that does not decode`);
    return { type: "proposal", height: message.height, round: message.round, validRound: message.validRound, header: compact.header, txHashes: compact.txHashes, signature: message.signature };
  }

  private emit(block: CommittedBlock): void {
    this.dependencies.logger.info({ height: block.height, hash: toHex(block.hash), txs: block.txs.length }, "committed block");
    for (const listener of this.listeners) {
      try {
        listener(block);
      } catch (error) {
        this.dependencies.logger.error({ err: error }, "block listener failed");
      }
    }
  }

  /**
   * Runs replica work; an exception means state or storage is broken (or the disk nearly full), so
   * the node stops rather than diverge. close() stops the replica before anything else runs, so a
   * validator signs nothing after deciding to halt.
   */
  private guard(work: () => void): void {
    if (this.closed) return;
    try {
      work();
    } catch (error) {
      this.dependencies.logger.error({ err: error }, "consensus halted; the node stops taking part");
      this.haltError = error ?? new Error("consensus failed");
      void this.close();
      this.dependencies.onHalt(this.haltError);
    }
  }
}

/**
 * What the transactions of the blocks in this node's WAL, for the height after its head, are. A
 * restarted replica replays them synchronously as it starts (and may commit one), so whatever
 * executing them needs is loaded before consensus is built.
 */
export function walBlockTxKinds(store: ChainStore): TxKind[] {
  const height = (store.head()?.height ?? 0) + 1;
  const kinds: TxKind[] = [];
  for (const entry of new LmdbWal(store).entries(height)) {
    if (entry.type === "input" && entry.block !== undefined) kinds.push(...blockTxKinds({ txs: proposedBlockTxs(entry.block) }));
  }
  return kinds;
}
