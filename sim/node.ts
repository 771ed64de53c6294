import { type CryptoSuite, KexinError, toHex } from "@kexin/core";
import {
  type BftOptions,
  ChainApplication,
  type ConsensusMessage,
  type ConsensusWal,
  type Equivocation,
  type EngineParameters,
  LmdbWal,
  ProposalAssembler,
  Replica,
  type TendermintEngine,
  type WireMessage,
  decodeConsensusMessage,
  encodeConsensusMessage,
} from "../packages/node/src/consensus/bft/index.ts";
import type { ChainApplicationDependencies } from "../packages/node/src/consensus/bft/chainApplication.ts";
import type { CommittedBlock } from "../packages/node/src/consensus/index.ts";
import type { Executor, ModuleRegistry, RawState } from "../packages/node/src/execution/index.ts";
import { blockLimitsBound } from "../packages/node/src/blockPipeline/index.ts";
import type { Genesis } from "../packages/node/src/genesis.ts";
import { openLedgerExecution } from "../packages/node/src/ledgerExecution.ts";
import { Mempool, type SignatureCheck, type SignatureVerifier, TxIntake, defaultMempoolOptions } from "../packages/node/src/mempool/index.ts";
import { TxGossip } from "../packages/node/src/mempool/txGossip.ts";
import type { P2pNetwork } from "../packages/node/src/p2p/index.ts";
import type { ChainStore } from "../packages/node/src/storage/index.ts";
import { DiskReserve } from "../packages/node/src/storage/index.ts";

/** Thrown by the simulated disk when a crash strikes in the middle of a write: the node dies there. */
export class SimulatedCrash extends Error {}

type ProposalAssemblerDependencies = ConstructorParameters<typeof ProposalAssembler>[0];

/**
 * Where a simulated node's parts can be replaced, as a different build of the node would: a
 * Byzantine validator's tools, or a seeded bug the simulator must catch. Left empty, a node is
 * built from the production parts.
 */
export interface NodeParts {
  readonly createEngine?: (parameters: EngineParameters) => TendermintEngine;
  readonly createExecutor?: (registry: ModuleRegistry, suite: CryptoSuite, state: RawState) => Executor;
  readonly createApplication?: (dependencies: ChainApplicationDependencies) => ChainApplication;
  readonly createPipeline?: ChainApplicationDependencies["createPipeline"];
  readonly createAssembler?: (dependencies: ProposalAssemblerDependencies) => ProposalAssembler;
  readonly createWal?: (store: ChainStore) => ConsensusWal;
}

/** What a node sees of the simulated world: virtual time, the network and the simulator's checks. */
export interface NodeEnvironment {
  readonly suite: CryptoSuite;
  readonly genesis: Genesis;
  readonly options: BftOptions;
  /** Virtual milliseconds since the run started. */
  now(): number;
  schedule(delayMs: number, run: () => void): () => void;
  /** A consensus message from the replica, to every peer or to one. */
  sendConsensus(from: SimulatedNode, message: ConsensusMessage, peer: string | undefined): void;
  /** Any other message on the wire, to every peer or to one. */
  transmit(from: SimulatedNode, peer: string | undefined, topic: string, payload: Uint8Array): void;
  /** Promise work was started: the simulator lets it settle before the next event. */
  asyncWorkStarted(): void;
  committed(node: SimulatedNode, block: CommittedBlock): void;
  halted(node: SimulatedNode, error: unknown): void;
  crashed(node: SimulatedNode): void;
  evidence(node: SimulatedNode, equivocation: Equivocation): void;
}

export const consensusTopic = "consensus";
export const txTopic = "txs";

const silentLogger = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

/** Checks signatures through the chain's suite on the calling thread, as a node without workers does; the promise settles within the event. */
class SimulatedSignatureVerifier implements SignatureVerifier {
  constructor(
    private readonly suite: CryptoSuite,
    private readonly started: () => void,
  ) {}

  verify(checks: readonly SignatureCheck[]): Promise<boolean[]> {
    this.started();
    return Promise.resolve(checks.map((check) => this.suite.verify(check.publicKey, check.message, check.signature)));
  }

  schedule(checks: readonly SignatureCheck[]): { results: Promise<boolean[]>; expedite: () => void } {
    return { results: this.verify(checks), expedite: () => undefined };
  }

  async close(): Promise<void> {}
}

/** The real intake, telling the simulator whenever it starts promise work. */
class SimulatedIntake extends TxIntake {
  constructor(
    mempool: Mempool,
    verifier: SignatureVerifier,
    onAdmitted: ConstructorParameters<typeof TxIntake>[2],
    private readonly started: () => void,
  ) {
    super(mempool, verifier, onAdmitted);
  }

  override submit(...args: Parameters<TxIntake["submit"]>): ReturnType<TxIntake["submit"]> {
    this.started();
    return super.submit(...args);
  }

  override verifyInFlight(hashHexes: readonly string[]): ReturnType<TxIntake["verifyInFlight"]> {
    this.started();
    return super.verifyInFlight(hashHexes);
  }

  override checkForBlock(transactions: readonly Uint8Array[]): ReturnType<TxIntake["checkForBlock"]> {
    this.started();
    return super.checkForBlock(transactions);
  }
}

/** No disk to fill in the simulator. */
class UnlimitedDiskReserve extends DiskReserve {
  override assertAboveReserve(): void {}
}

interface RunningParts {
  readonly registry: ModuleRegistry;
  readonly executor: Executor;
  readonly mempool: Mempool;
  readonly intake: TxIntake;
  readonly application: ChainApplication;
  readonly replica: Replica;
  readonly assembler: ProposalAssembler;
  readonly gossip: TxGossip;
  readonly unsubscribeTxs: () => void;
}

/**
 * One validator of the simulated chain, built from the node's real parts — replica, chain
 * application, proposal assembler, intake, mempool, executor and modules — over its own store. A
 * crash drops everything but the store; a restart builds the parts again over it and replays the
 * WAL, as a new process would.
 */
export class SimulatedNode {
  readonly id: string;
  readonly publicKey: Uint8Array;
  private parts: RunningParts | undefined;
  private incarnation = 0;
  private haltError: unknown;
  private gossipHandler: ((from: string, payload: Uint8Array) => void) | undefined;

  constructor(
    readonly index: number,
    private readonly privateKey: Uint8Array,
    readonly store: ChainStore,
    readonly byzantine: boolean,
    private readonly environment: NodeEnvironment,
    private readonly nodeParts: NodeParts,
  ) {
    this.publicKey = environment.suite.publicKeyOf(privateKey);
    this.id = toHex(this.publicKey);
  }

  get running(): boolean {
    return this.parts !== undefined;
  }

  get halted(): unknown {
    return this.haltError;
  }

  get height(): number {
    return this.store.head()?.height ?? 0;
  }

  get round(): number | undefined {
    return this.parts?.replica.round;
  }

  /** The parts while the node runs; for Byzantine behaviour and checks. */
  get runningParts(): RunningParts | undefined {
    return this.parts;
  }

  sign(message: Uint8Array): Uint8Array {
    return this.environment.suite.sign(this.privateKey, message);
  }

  start(): void {
    if (this.parts || this.haltError !== undefined) return;
    const { suite, genesis, options } = this.environment;
    const incarnation = ++this.incarnation;
    const store = this.store;
    const ledger = openLedgerExecution(suite, genesis, store, silentLogger);
    const state: RawState = { getRaw: (key) => store.getState(key), listRaw: (prefix, limit) => [...store.stateRange(prefix, limit)] };
    const executor = this.nodeParts.createExecutor?.(ledger.registry, suite, state) ?? ledger.executor;
    const started = (): void => this.environment.asyncWorkStarted();
    const schedule = (delayMs: number, callback: () => void): (() => void) =>
      this.environment.schedule(delayMs, () => {
        if (this.incarnation === incarnation) this.guard(callback);
      });
    const mempool = new Mempool({
      options: defaultMempoolOptions,
      suite,
      chainId: genesis.chainId,
      registry: ledger.registry,
      executor,
      head: () => ({ height: store.head()?.height ?? 0, time: store.head()?.time ?? 0 }),
      isCommitted: (hash) => store.hasTx(hash),
    });
    const intake = new SimulatedIntake(mempool, new SimulatedSignatureVerifier(suite, started), (admitted) => gossip.publish(admitted), started);
    const applicationDependencies: ChainApplicationDependencies = {
      suite,
      chainId: genesis.chainId,
      store,
      diskReserve: new UnlimitedDiskReserve("/", 0),
      mempool,
      executor,
      registry: ledger.registry,
      clock: { now: () => genesis.genesisTime + this.environment.now() },
      schedule: ledger.schedule,
      parameters: ledger.parameters,
      proposerPublicKey: this.publicKey,
      blockTxsMax: options.blockTxsMax,
      blockBytesMax: options.blockBytesMax,
      blockIntervalMs: options.blockIntervalMs,
      emptyBlockIntervalMs: options.emptyBlockIntervalMs,
      blockExecutionMsTarget: options.blockExecutionMsTarget,
      scheduleTimer: schedule,
      onCommitted: (block) => this.environment.committed(this, block),
      ...(this.nodeParts.createPipeline ? { createPipeline: this.nodeParts.createPipeline } : {}),
    };
    const application = this.nodeParts.createApplication?.(applicationDependencies) ?? new ChainApplication(applicationDependencies);
    const verifySignature = (key: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean => key.length === suite.publicKeyBytes && suite.verify(key, message, signature);
    const replica = new Replica({
      chainId: genesis.chainId,
      options,
      application,
      signer: { publicKey: this.publicKey, sign: (bytes) => this.sign(bytes) },
      verifySignature,
      network: {
        broadcast: (message) => {
          if (this.incarnation === incarnation) this.environment.sendConsensus(this, message, undefined);
        },
        send: (peer, message) => {
          if (this.incarnation === incarnation) this.environment.sendConsensus(this, message, peer);
        },
      },
      schedule,
      wal: this.nodeParts.createWal?.(store) ?? new LmdbWal(store),
      logger: silentLogger,
      onEquivocation: (equivocation) => this.environment.evidence(this, equivocation),
      ...(this.nodeParts.createEngine ? { createEngine: this.nodeParts.createEngine } : {}),
    });
    const assemblerDependencies: ProposalAssemblerDependencies = {
      chainId: genesis.chainId,
      application,
      intake,
      hash: suite.hash,
      verifySignature,
      position: () => ({ height: replica.height, round: replica.round }),
      send: (peer, message) => {
        if (this.incarnation === incarnation) this.environment.transmit(this, peer, consensusTopic, encodeConsensusMessage(message));
      },
      deliver: (from, message) => replica.receive(from, message),
      schedule,
      guard: (work) => {
        if (this.incarnation === incarnation) this.guard(work);
      },
      fetchTimeoutMs: options.txFetchTimeoutMs,
      responseBytesMax: options.messageBytesMax - 1024,
      logger: silentLogger,
    };
    const assembler = this.nodeParts.createAssembler?.(assemblerDependencies) ?? new ProposalAssembler(assemblerDependencies);
    // Transaction gossip uses only these two calls of the p2p network.
    const network: Pick<P2pNetwork, "broadcast" | "onMessage"> = {
        broadcast: (topic, payload) => {
          if (this.incarnation === incarnation) this.environment.transmit(this, undefined, topic, payload);
        },
        onMessage: (_topic, handler) => {
          this.gossipHandler = handler;
          return () => (this.gossipHandler = undefined);
        },
    };
    const gossip = new TxGossip(network as P2pNetwork, intake, silentLogger);
    const unsubscribeTxs = mempool.onTxsAvailable(() => this.txsAvailable(incarnation));
    this.parts = { registry: ledger.registry, executor, mempool, intake, application, replica, assembler, gossip, unsubscribeTxs };
    this.guard(() => replica.start());
  }

  /** Loses everything but the store, at once, as a killed process does. */
  crash(): void {
    if (!this.parts) return;
    this.incarnation += 1;
    this.parts.replica.stop();
    this.parts.assembler.close();
    this.parts.gossip.close();
    this.parts.unsubscribeTxs();
    this.parts = undefined;
  }

  /** A client's submission through the node's intake, as the API hands it over. */
  submit(transactions: readonly Uint8Array[]): void {
    const parts = this.parts;
    if (!parts) return;
    const incarnation = this.incarnation;
    parts.intake.submit(transactions, "client").then(
      () => undefined,
      (error: unknown) => this.failAsync(incarnation, error),
    );
  }

  receive(from: string, topic: string, payload: Uint8Array): void {
    const parts = this.parts;
    if (!parts) return;
    if (topic === txTopic) {
      this.gossipHandler?.(from, payload);
      return;
    }
    const { options } = this.environment;
    let message: WireMessage;
    try {
      message = decodeConsensusMessage(payload, { messageBytesMax: options.messageBytesMax, syncBlocksMax: options.syncBlocksMax, blockTxsMax: blockLimitsBound.txsMax });
    } catch {
      return;
    }
    this.guard(() => {
      switch (message.type) {
        case "proposal":
          parts.assembler.receive(from, message);
          return;
        case "txsRequest":
          parts.assembler.answer(from, message);
          return;
        case "txsResponse":
          parts.assembler.receiveTxs(from, message);
          return;
        default:
          parts.replica.receive(from, message);
      }
    });
  }

  /** The wire form of a replica message: proposals travel compact, as between real nodes. */
  encode(message: ConsensusMessage): Uint8Array | undefined {
    if (message.type !== "proposal") return encodeConsensusMessage(message);
    const compact = this.parts?.application.compactBlock(message.block);
    if (!compact) return undefined;
    return encodeConsensusMessage({ type: "proposal", height: message.height, round: message.round, validRound: message.validRound, header: compact.header, txHashes: compact.txHashes, signature: message.signature });
  }

  private txsAvailable(incarnation: number): void {
    if (this.incarnation === incarnation) this.guard(() => this.parts?.application.txsAvailable());
  }

  private failAsync(incarnation: number, error: unknown): void {
    if (this.incarnation === incarnation) this.guard(() => {
      throw error;
    });
  }

  /** As the production node: a failure to check or commit halts the node; a simulated crash kills it. */
  private guard(work: () => void): void {
    if (!this.parts) return;
    try {
      work();
    } catch (error) {
      if (error instanceof SimulatedCrash) {
        this.crash();
        this.environment.crashed(this);
        return;
      }
      this.haltError = error instanceof KexinError || error instanceof Error ? error : new Error(String(error));
      this.crash();
      this.environment.halted(this, this.haltError);
    }
  }
}
