import type { CryptoSuite, Validator } from "@kexin/core";
import type { TSchema } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { ApiContext } from "../api/context.ts";
import type { VoteMessage } from "../consensus/index.ts";
import type { ChainParameterCatalog, GenesisContext, ModuleDefinition, StateRead } from "../execution/index.ts";
import type { Genesis } from "../genesis.ts";
import type { Mempool } from "../mempool/index.ts";

/** What every service factory is given: the chain's fixed facts, the same on every node. */
export interface ServiceFactoryContext {
  readonly suite: CryptoSuite;
  readonly genesis: Genesis;
  /** Public keys of the validators that decided a height; ask only while executing, never while building. */
  readonly validatorsAt: (height: number) => readonly Uint8Array[];
  /** Every chain parameter the chain's services and its block pipeline declare; ask only once the services are built. */
  readonly parameterCatalog: () => ChainParameterCatalog;
  /** The schedule the chain's validator sets are read from (see validatorScheduleOf); ask only once the services are built. */
  readonly validatorSchedule: () => ValidatorScheduleSource | undefined;
}

/** Reads the validator set deciding `height` from committed state; before any change, the genesis set decides. */
export type ValidatorsAtHeight = (readModule: (module: string) => StateRead, genesisValidators: readonly Validator[], height: number) => Validator[];

/** A service that schedules validator sets, and how its sets are read. */
export interface ValidatorScheduleSource {
  /** True for the schedule that applies unless another service's takes over (governance's approved changes). */
  readonly fallback: boolean;
  readonly validatorsAt: ValidatorsAtHeight;
}

/** Two signed votes of one validator for the same height, round and kind with different blocks. */
export interface Equivocation {
  readonly first: VoteMessage;
  readonly second: VoteMessage;
}

/** What a service's node-side resources are opened with, once the ledger and consensus are built. */
export interface ServiceOpenContext {
  readonly suite: CryptoSuite;
  readonly chainId: string;
  readonly dataDir: string;
  /** Free space the chain's disk keeps (NodeOptions.diskReserveBytes). */
  readonly diskReserveBytes: number;
  /** This service's entry of the node's per-service options (NodeOptions.services[name]); undefined when absent. */
  readonly options: unknown;
  /** Resolves a path from the service's options: relative paths are taken from the node's home. */
  resolvePath(path: string): string;
  /** Absent on a node that does not vote. */
  readonly validatorPrivateKey: Uint8Array | undefined;
  readonly mempool: Mempool;
  /** Admits a transaction this node signed, as a client's is admitted. */
  submit(tx: Uint8Array): Promise<void>;
  readonly logger: Logger;
}

/** A service's section of genesis: written into its namespace before block 1. */
export interface ServiceGenesis {
  /** The schema of `sections.<service>` in genesis.json, when the service reads one. */
  readonly sectionSchema?: TSchema;
  write(context: GenesisContext, genesis: Genesis, suite: CryptoSuite): void;
}

export interface ServiceApi<Resources> {
  /** The OpenAPI tag its routes are listed under at /docs. */
  readonly tag: { readonly name: string; readonly description?: string };
  register(app: FastifyInstance, context: ApiContext, resources: Resources): void;
}

/**
 * A service as the node runs it: its execution module (transaction types and queries) and
 * whatever else it needs from the node, each optional. The node, the API server, genesis and the
 * status table read these and name no service.
 */
export interface NodeService<Resources = unknown> {
  readonly module: ModuleDefinition;
  readonly genesis?: ServiceGenesis;
  /** Its error codes' HTTP statuses; codes not listed anywhere answer 400. */
  readonly httpStatusByCode?: Readonly<Record<string, number>>;
  /** Opened when the node starts (stores, worker pools) and closed when it stops. */
  open?(context: ServiceOpenContext): Promise<Resources>;
  close?(resources: Resources): Promise<void>;
  readonly api?: ServiceApi<Resources>;
  /** Called for each equivocation consensus saw. */
  onEquivocation?(resources: Resources, equivocation: Equivocation): void;
  /** Whether a peer's p2p node key may connect; a peer connects when some service admits it. */
  admitsPeer?(readModule: (module: string) => StateRead, publicKeyHex: string): boolean;
  /** Declared by the service that schedules this chain's validator sets. */
  readonly validatorSchedule?: ValidatorScheduleSource;
}

/**
 * The one schedule the chain reads its validator sets from: a service's that is not a fallback
 * (at most one may declare such), else the fallback's, else none (the genesis set decides).
 */
export function validatorScheduleOf(services: readonly NodeService[]): ValidatorScheduleSource | undefined {
  const sources = services.flatMap((service) => (service.validatorSchedule ? [service.validatorSchedule] : []));
  const primary = sources.filter((source) => !source.fallback);
  if (primary.length > 1) throw new Error(`${primary.length} services schedule validator sets; at most one may`);
  return primary[0] ?? sources.find((source) => source.fallback);
}

/**
 * Builds a service for one chain. What execution needs loaded asynchronously (an interpreter) the
 * module loads through its readiness check (ModuleDefinition.ready), when a block first needs it.
 */
export type ServiceFactory = (context: ServiceFactoryContext) => NodeService;

/** Keeps a service's resource type attached to its hooks while the registry holds services uniformly. */
export function defineService<Resources>(service: NodeService<Resources>): NodeService {
  return service as unknown as NodeService;
}

/** A service with its resources open. */
export interface OpenService {
  readonly service: NodeService;
  readonly resources: unknown;
}
