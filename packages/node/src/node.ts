import { type CryptoSuite, bytesEqual, getSuite } from "@kexin/core";
import type { FastifyInstance } from "fastify";
import pino, { type Logger } from "pino";
import { type ApiOptions, createApiServer, defaultApiOptions } from "./api/server.ts";
import { NodeMetrics } from "./api/metrics.ts";
import { ReceiptBuilder } from "./api/receiptBuilder.ts";
import { openChainState } from "./chainState.ts";
import { type Clock, type Consensus, SoloConsensus, type SoloOptions, defaultSoloOptions, systemClock } from "./consensus/index.ts";
import { Executor, ModuleRegistry, type ModuleDefinition } from "./execution/index.ts";
import type { Genesis } from "./genesis.ts";
import {
  InlineSignatureVerifier,
  Mempool,
  type MempoolOptions,
  TxIntake,
  WorkerSignatureVerifier,
  defaultMempoolOptions,
  defaultSignatureWorkers,
} from "./mempool/index.ts";
import { identityModule } from "./modules/identity/index.ts";
import { pointsModule } from "./modules/points/index.ts";
import { ChainStore } from "./storage/index.ts";

export const builtinModules: readonly ModuleDefinition[] = [identityModule, pointsModule];

export interface NodeOptions {
  readonly genesis: Genesis;
  readonly dataDir: string;
  readonly validatorPrivateKey: Uint8Array;
  readonly api?: Partial<ApiOptions>;
  readonly mempool?: Partial<MempoolOptions>;
  readonly solo?: Partial<SoloOptions>;
  /** Worker threads that verify transaction signatures; 0 verifies on the main thread. */
  readonly signatureWorkers?: number;
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** Called when consensus halts on a broken block; a node process should exit so a supervisor restarts it. */
  readonly onHalt?: (error: unknown) => void;
}

export interface KexinNode {
  readonly url: string;
  readonly suite: CryptoSuite;
  readonly store: ChainStore;
  readonly mempool: Mempool;
  readonly consensus: Consensus;
  readonly api: FastifyInstance;
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
  const store = new ChainStore({ path: options.dataDir });
  const signatureWorkers = options.signatureWorkers ?? defaultSignatureWorkers();
  const verifier = signatureWorkers > 0 ? new WorkerSignatureVerifier(genesis.suite, signatureWorkers) : new InlineSignatureVerifier(genesis.suite);
  try {
    const registry = new ModuleRegistry(builtinModules);
    const executor = new Executor(
      registry,
      suite,
      { getRaw: (key) => store.getState(key), listRaw: (prefix, limit) => [...store.stateRange(prefix, limit)] },
      logger.child({ module: "execution" }),
    );
    const chain = openChainState(suite, genesis, store, executor);
    const validatorPublicKey = suite.publicKeyOf(options.validatorPrivateKey);
    if (!chain.validators.some((validator) => bytesEqual(validator.publicKey, validatorPublicKey))) {
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
    const consensus = new SoloConsensus({
      options: { ...defaultSoloOptions, ...options.solo },
      suite,
      chainId: genesis.chainId,
      validatorPrivateKey: options.validatorPrivateKey,
      validatorsHash: chain.validatorsHash,
      store,
      mempool,
      executor,
      clock: options.clock ?? systemClock,
      logger: logger.child({ module: "consensus" }),
      onHalt: options.onHalt ?? (() => undefined),
    });
    const metrics = new NodeMetrics();
    metrics.blockHeight.set(store.head()?.height ?? 0);
    consensus.onBlockCommitted((block) => {
      metrics.blockHeight.set(block.height);
      metrics.blockTxs.observe(block.txs.length);
      metrics.txsCommitted.inc(block.txs.length);
      metrics.txsFailed.inc(block.results.filter((result) => result.status !== 0).length);
    });
    const api = await createApiServer({
      suite,
      chainId: genesis.chainId,
      genesisHash: chain.genesisHash,
      validators: chain.validators,
      validatorsHash: chain.validatorsHash,
      store,
      mempool,
      intake: new TxIntake(mempool, verifier),
      consensus,
      registry,
      executor,
      metrics,
      receipts: new ReceiptBuilder(suite, store, chain.validators),
      logger,
    });
    const apiOptions = { ...defaultApiOptions, ...options.api };
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
      consensus,
      api,
      close: () => {
        closing ??= (async () => {
          await api.close();
          await consensus.close();
          await verifier.close();
          await store.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await verifier.close();
    await store.close();
    throw error;
  }
}
