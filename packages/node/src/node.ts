import { resolve } from "node:path";
import { type CryptoSuite, bytesEqual, getSuite } from "@kexin/core";
import type { FastifyInstance } from "fastify";
import pino, { type Logger } from "pino";
import { type ApiOptions, createApiServer, defaultApiOptions } from "./api/server.ts";
import { NodeMetrics } from "./api/metrics.ts";
import { ConsensusWatch } from "./api/consensusWatch.ts";
import { ReceiptBuilder } from "./api/receiptBuilder.ts";
import { StateProofBuilder } from "./api/stateProofBuilder.ts";
import {
  BftConsensus,
  type BftOptions,
  type Clock,
  type Consensus,
  SoloConsensus,
  type SoloOptions,
  createP2pTransport,
  defaultBftOptions,
  defaultSoloOptions,
  systemClock,
  walBlockTxKinds,
} from "./consensus/index.ts";
import { type P2pNetwork, createP2pNetwork } from "./p2p/index.ts";
import { TxGossip } from "./mempool/txGossip.ts";
import type { Genesis } from "./genesis.ts";
import { openLedgerExecution } from "./ledgerExecution.ts";
import {
  InlineSignatureVerifier,
  Mempool,
  type MempoolOptions,
  TxIntake,
  WorkerSignatureVerifier,
  defaultMempoolOptions,
  defaultSignatureWorkers,
} from "./mempool/index.ts";
import { type Equivocation, type OpenService, type ServiceFactory } from "./modules/index.ts";
import { type ChainStore, DiskReserve, defaultDiskReserveBytes, openLockedStore, removeRebuildScratch } from "./storage/index.ts";

export { chainModules, createServices, serviceFactories } from "./modules/index.ts";

export interface NodeOptions {
  readonly genesis: Genesis;
  readonly dataDir: string;
  /** The validator key; a bft node without one follows the chain without voting. */
  readonly validatorPrivateKey?: Uint8Array;
  readonly api?: Partial<ApiOptions>;
  readonly mempool?: Partial<MempoolOptions>;
  readonly solo?: Partial<SoloOptions>;
  readonly bft?: Partial<BftOptions>;
  /** Required for bft: this node's p2p key (a 32-byte Ed25519 seed), where it listens and whom it dials. */
  readonly p2p?: { readonly nodeKeySeed: Uint8Array; readonly listen: { readonly host: string; readonly port: number }; readonly bootstrap: readonly string[] };
  /** Worker threads that verify transaction signatures; 0 verifies on the main thread. */
  readonly signatureWorkers?: number;
  /** Free space the data folder's disk keeps: below it the node halts (DISK_SPACE_LOW) before writing a block. Default 1 GiB. */
  readonly diskReserveBytes?: number;
  /** Each service's own options by service name (config.json's `services`); a service reads its entry when the node opens it. */
  readonly services?: { readonly [service: string]: unknown };
  /** Where relative paths in services' options are taken from: the node's home. Default the working directory. */
  readonly home?: string;
  /** The chain's services, in execution order; default the registry's (serviceFactories). Tests add their own. */
  readonly serviceFactories?: readonly ServiceFactory[];
  readonly logger?: Logger;
  readonly clock?: Clock;
  /**
   * Called when consensus halts on a broken block or a nearly full disk. The API goes on answering (GET /healthz tells
   * why) until close(); a node process should then exit non-zero so that a supervisor notices.
   */
  readonly onHalt?: (error: unknown) => void;
}

export interface KexinNode {
  readonly url: string;
  readonly suite: CryptoSuite;
  readonly store: ChainStore;
  readonly mempool: Mempool;
  readonly consensus: Consensus;
  readonly api: FastifyInstance;
  /** The p2p network of a bft node. */
  readonly network: P2pNetwork | undefined;
  close(): Promise<void>;
}

/**
 * The one place that builds a node: storage → execution → mempool → consensus → API.
 * close() stops them in reverse order.
 */
export async function createNode(options: NodeOptions): Promise<KexinNode> {
  const logger = options.logger ?? pino({ level: "info" }, pino.destination(2));
  const { genesis } = options;
  const suite = getSuite(genesis.suite);
  const { store, release: releaseDataDir } = openLockedStore(options.dataDir);
  const signatureWorkers = options.signatureWorkers ?? defaultSignatureWorkers();
  const verifier = signatureWorkers > 0 ? new WorkerSignatureVerifier(genesis.suite, signatureWorkers) : new InlineSignatureVerifier(genesis.suite);
  let network: P2pNetwork | undefined;
  let consensus: Consensus | undefined;
  const opened: OpenService[] = [];
  const metrics = new NodeMetrics();
  const clock = options.clock ?? systemClock;
  const onHalt = (error: unknown): void => {
    metrics.halts.inc();
    options.onHalt?.(error);
  };
  try {
    const diskReserveBytes = options.diskReserveBytes ?? defaultDiskReserveBytes;
    const diskReserve = new DiskReserve(options.dataDir, diskReserveBytes);
    // Left by an index rebuild that was killed; holding the lock, no rebuild of this folder is running.
    const scratchRemoved = removeRebuildScratch(options.dataDir);
    if (scratchRemoved.length > 0) logger.info({ removed: scratchRemoved }, "removed scratch folders of an interrupted index rebuild");
    const { services, registry, executor, chain, schedule: validatorSchedule, parameters } = openLedgerExecution(suite, genesis, store, logger.child({ module: "execution" }), options.serviceFactories);
    // What committed state needs already (an interpreter for contracts it holds), or the blocks a BFT
    // validator's WAL replays at start, loads before any block or query.
    await executor.ready(() => (genesis.consensus === "bft" ? walBlockTxKinds(store) : []));
    const validatorPublicKey = options.validatorPrivateKey ? suite.publicKeyOf(options.validatorPrivateKey) : undefined;
    const isValidator = validatorPublicKey !== undefined && chain.validators.some((validator) => bytesEqual(validator.publicKey, validatorPublicKey));
    if (genesis.consensus === "solo" && !isValidator) {
      throw new Error("the validator key is not the genesis validator's; check validatorKeyFile in the node's config");
    }
    const mempool = new Mempool({
      options: { ...defaultMempoolOptions, ...options.mempool },
      suite,
      chainId: genesis.chainId,
      registry,
      executor,
      head: () => {
        const head = store.head();
        return { height: head?.height ?? 0, time: head?.time ?? 0 };
      },
      isCommitted: (hash) => store.hasTx(hash),
    });
    let intake: TxIntake;
    if (genesis.consensus === "solo") {
      consensus = new SoloConsensus({
        options: { ...defaultSoloOptions, ...options.solo },
        suite,
        chainId: genesis.chainId,
        validatorPrivateKey: options.validatorPrivateKey as Uint8Array,
        validatorsHash: chain.validatorsHash,
        store,
        diskReserve,
        mempool,
        executor,
        registry,
        clock,
        parameters,
        logger: logger.child({ module: "consensus" }),
        onHalt,
      });
      intake = new TxIntake(mempool, verifier);
    } else {
      if (!options.p2p) throw new Error("a bft node needs p2p settings: a node key, a listen address and bootstrap peers");
      const bftOptions: BftOptions = { ...defaultBftOptions, ...options.bft };
      network = await createP2pNetwork({
        privateKeySeed: options.p2p.nodeKeySeed,
        listen: options.p2p.listen,
        bootstrap: options.p2p.bootstrap,
        protocolPrefix: `/kexin/${genesis.chainId}`,
        isAllowed: (publicKeyHex) => services.some((service) => service.admitsPeer?.((module) => executor.readCommitted(module), publicKeyHex) ?? false),
        logger: logger.child({ module: "p2p" }),
        options: { messageBytesMax: bftOptions.messageBytesMax + 1024 * 1024 },
      });
      const p2pLogger = logger.child({ module: "p2p" });
      const transport = await createP2pTransport(network, bftOptions.messageBytesMax, (error) => p2pLogger.debug({ err: error }, "direct message not delivered"));
      // One intake for clients and peers, so a transaction arriving both ways is verified once; only clients' are gossiped on.
      const bftIntake = new TxIntake(mempool, verifier, (admitted) => gossip.publish(admitted));
      const bft = new BftConsensus({
        options: bftOptions,
        suite,
        chainId: genesis.chainId,
        // A key outside the genesis set still signs once governance makes it a validator.
        validatorPrivateKey: options.validatorPrivateKey,
        schedule: validatorSchedule,
        parameters,
        store,
        diskReserve,
        mempool,
        intake: bftIntake,
        executor,
        registry,
        transport,
        clock,
        logger: logger.child({ module: "consensus" }),
        onEquivocation: (equivocation: Equivocation) => {
          for (const { service, resources } of opened) service.onEquivocation?.(resources, equivocation);
        },
        onHalt,
      });
      consensus = bft;
      const gossip = new TxGossip(network, bftIntake, logger.child({ module: "txgossip" }));
      intake = bftIntake;
    }
    const consensusStarted = consensus;
    const serviceIntake = intake;
    for (const service of services) {
      const resources = await service.open?.({
        suite,
        chainId: genesis.chainId,
        dataDir: options.dataDir,
        diskReserveBytes,
        options: options.services?.[service.module.name],
        resolvePath: (path) => resolve(options.home ?? ".", path),
        validatorPrivateKey: options.validatorPrivateKey,
        mempool,
        submit: async (bytes) => {
          await serviceIntake.submit([bytes]);
        },
        logger,
      });
      opened.push({ service, resources });
    }
    const consensusWatch = new ConsensusWatch(consensusStarted, suite, clock, metrics);
    metrics.blockHeight.set(store.head()?.height ?? 0);
    consensusStarted.onBlockCommitted((block) => {
      metrics.blockHeight.set(block.height);
      metrics.blockTxs.observe(block.txs.length);
      metrics.txsCommitted.inc(block.txs.length);
      metrics.txsFailed.inc(block.results.filter((result) => result.status !== 0).length);
    });
    const apiOptions = { ...defaultApiOptions, ...options.api };
    const api = await createApiServer({
      suite,
      chainId: genesis.chainId,
      genesisHash: chain.genesisHash,
      schedule: validatorSchedule,
      store,
      mempool,
      intake,
      consensus: consensusStarted,
      consensusWatch,
      registry,
      executor,
      metrics,
      receipts: new ReceiptBuilder(suite, store, (height) => validatorSchedule.at(height).validators),
      stateProofs: new StateProofBuilder(suite, genesis.chainId, store),
      logger,
      services: opened,
      p2p: network,
    }, apiOptions);
    await api.listen({ host: apiOptions.host, port: apiOptions.port });
    const address = api.server.address();
    const port = typeof address === "object" && address ? address.port : apiOptions.port;
    const url = `http://${apiOptions.host.includes(":") ? `[${apiOptions.host}]` : apiOptions.host}:${port}`;
    logger.info({ url, chainId: genesis.chainId, height: store.head()?.height ?? 0 }, "node started");
    let closing: Promise<void> | undefined;
    return {
      url,
      suite,
      store,
      mempool,
      consensus: consensusStarted,
      api,
      network,
      close: () => {
        closing ??= (async () => {
          await api.close();
          await consensusStarted.close();
          await closeServices(opened);
          await network?.stop();
          await verifier.close();
          await store.close();
          releaseDataDir();
        })();
        return closing;
      },
    };
  } catch (error) {
    await consensus?.close();
    await closeServices(opened);
    await network?.stop();
    await verifier.close();
    await store.close();
    releaseDataDir();
    throw error;
  }
}

/** Closes services' resources in reverse order of opening. */
async function closeServices(opened: readonly OpenService[]): Promise<void> {
  for (const { service, resources } of [...opened].reverse()) await service.close?.(resources);
}
