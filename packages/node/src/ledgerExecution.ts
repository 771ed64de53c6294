import type { CryptoSuite } from "@kexin/core";
import { type ChainIdentity, openChainState } from "./chainState.ts";
import { ValidatorSchedule } from "./consensus/validatorSchedule.ts";
import { type ChainParameterReader, Executor, ModuleRegistry, chainParameterReader, parameterScheduleModule } from "./execution/index.ts";
import type { LoggerLike } from "./execution/executor.ts";
import type { Genesis } from "./genesis.ts";
import { type NodeService, type ServiceFactory, createServices, parameterCatalogOf, serviceFactories, validatorScheduleOf } from "./modules/index.ts";
import type { ChainStore } from "./storage/index.ts";

/** A chain's services, modules and executor over one store, its genesis written or checked, and its validator schedule. */
export interface LedgerExecution {
  readonly services: readonly NodeService[];
  readonly registry: ModuleRegistry;
  readonly executor: Executor;
  readonly chain: ChainIdentity;
  readonly schedule: ValidatorSchedule;
  /** The chain parameters by height, from committed state. */
  readonly parameters: ChainParameterReader;
}

/**
 * Builds what executes a chain's blocks over `store`: every node of a chain, and a replay of its
 * blocks, must have the same services in the same order. `factories` replaces the registry's list
 * only in tests.
 */
export function openLedgerExecution(
  suite: CryptoSuite,
  genesis: Genesis,
  store: ChainStore,
  logger: LoggerLike,
  factories: readonly ServiceFactory[] = serviceFactories,
): LedgerExecution {
  // The schedule reads governance state through the executor, which needs the registry first.
  const late: { schedule?: ValidatorSchedule } = {};
  const validatorsAt = (height: number): Uint8Array[] => (late.schedule as ValidatorSchedule).at(height).validators.map((validator) => validator.publicKey);
  const services = createServices({ suite, genesis, validatorsAt }, factories);
  const registry = new ModuleRegistry(services.map((service) => service.module));
  const executor = new Executor(registry, suite, { getRaw: (key) => store.getState(key), listRaw: (prefix, limit) => [...store.stateRange(prefix, limit)] }, logger);
  const chain = openChainState(suite, genesis, store, executor, services);
  // The validator set is the chain's own, not a service's: consensus needs it whatever services run.
  // The service that schedules validator sets says where they are read; without one, the genesis set decides every height.
  const source = validatorScheduleOf(services);
  const readModule = (module: string) => executor.readCommitted(module);
  const scheduled = source ? (height: number) => source.validatorsAt(readModule, chain.validators, height) : () => [...chain.validators];
  const schedule = new ValidatorSchedule(suite, scheduled);
  late.schedule = schedule;
  const parameters = chainParameterReader(parameterCatalogOf(services.map((service) => service.module)), () => executor.readCommitted(parameterScheduleModule));
  return { services, registry, executor, chain, schedule, parameters };
}
