import type { CryptoSuite } from "@kexin/core";
import { type ChainIdentity, openChainState } from "./chainState.ts";
import { ValidatorSchedule } from "./consensus/validatorSchedule.ts";
import { Executor, type ModuleDefinition, ModuleRegistry } from "./execution/index.ts";
import type { LoggerLike } from "./execution/executor.ts";
import { type Genesis, genesisValidators } from "./genesis.ts";
import { createEvidenceModule } from "./modules/evidence/index.ts";
import { createGovernanceModule, governanceModuleName } from "./modules/governance/index.ts";
import { identityModule } from "./modules/identity/index.ts";
import { createMisbehaviourModule } from "./modules/misbehaviour/index.ts";
import { pointsModule } from "./modules/points/index.ts";
import { traceModule } from "./modules/trace/index.ts";
import type { ChainStore } from "./storage/index.ts";

export const builtinModules: readonly ModuleDefinition[] = [identityModule, pointsModule, traceModule];

/** A chain's modules and executor over one store, its genesis written or checked, and its validator schedule. */
export interface LedgerExecution {
  readonly registry: ModuleRegistry;
  readonly executor: Executor;
  readonly chain: ChainIdentity;
  readonly schedule: ValidatorSchedule;
}

/**
 * Builds what executes a chain's blocks over `store`: every node of a chain, and a replay of its
 * blocks, must have the same modules in the same order.
 */
export function openLedgerExecution(suite: CryptoSuite, genesis: Genesis, store: ChainStore, logger: LoggerLike): LedgerExecution {
  // The schedule reads governance state through the executor, which needs the registry first.
  const late: { schedule?: ValidatorSchedule } = {};
  const validatorKeysAt = (height: number): Uint8Array[] => (late.schedule as ValidatorSchedule).at(height).validators.map((validator) => validator.publicKey);
  const registry = new ModuleRegistry([
    ...builtinModules,
    createMisbehaviourModule({ suite, chainId: genesis.chainId, validatorsAt: validatorKeysAt }),
    createGovernanceModule({ consensus: genesis.consensus, genesisValidators: genesisValidators(genesis), publicKeyBytes: suite.publicKeyBytes }),
    createEvidenceModule({ suite }),
  ]);
  const executor = new Executor(registry, suite, { getRaw: (key) => store.getState(key), listRaw: (prefix, limit) => [...store.stateRange(prefix, limit)] }, logger);
  const chain = openChainState(suite, genesis, store, executor);
  const schedule = new ValidatorSchedule(suite, chain.validators, () => executor.readCommitted(governanceModuleName));
  late.schedule = schedule;
  return { registry, executor, chain, schedule };
}
