import { type ContractsGenesisSection, contractsGenesisSectionSchema, contractsModuleName } from "@kexin/core";
import type { ModuleDefinition, QueryDefinition, TxTypeDefinition } from "../../execution/interface.ts";
import type { Genesis } from "../../genesis.ts";
import { type ServiceFactory, defineService } from "../service.ts";
import { ArgsValidators } from "./argsCheck.ts";
import { CodeTexts } from "./codeTexts.ts";
import { createCallTxType } from "./call.ts";
import { contractError, contractsHttpStatusByCode } from "./errors.ts";
import { createApproveTxType, createProposeTxType } from "./lifecycle.ts";
import { ContractRecords } from "./contractRecords.ts";
import { contractsParameterDefinitions, contractsParametersFrom } from "./parameters.ts";
import { contractsQueries } from "./queries.ts";
import type { ContractsRuntime } from "./runtime.ts";
import { contractsKeys } from "./keys.ts";
import { type ContractSandbox, contractSandboxLoaded, createContractSandbox, loadContractSandbox } from "./sandbox/index.ts";

export { contractSandboxLoaded } from "./sandbox/index.ts";
export { readContract } from "./registry.ts";

export { contractsParametersAt, defaultContractsParameters } from "./parameters.ts";

/**
 * Whether a chain runs contracts: its genesis has a `sections.contracts` entry (development homes
 * have one). Only such a chain loads the interpreter, once it needs it; on the others every contracts transaction
 * and the query method are refused with CONTRACT_NOT_ENABLED.
 */
export function contractsEnabled(genesis: Genesis): boolean {
  return genesis.sections?.[contractsModuleName] !== undefined;
}

function notEnabled(): never {
  throw contractError("CONTRACT_NOT_ENABLED", "this chain does not run contracts: its genesis has no sections.contracts entry");
}

/** Refuses every transaction of the type; with no contract to list a refusal under, it records nothing. */
function refusedTxType({ description, schema, costUnits }: TxTypeDefinition): TxTypeDefinition {
  return { description, schema, costUnits, authorise: notEnabled, execute: notEnabled };
}

/** How a chain's contracts module loads the interpreter: `load` once, asynchronously; `loaded` whether it has. */
export interface InterpreterLoader {
  load(): Promise<void>;
  loaded(): boolean;
}

/**
 * The module's readiness check: the interpreter loads before the first block that holds a contracts
 * transaction (propose describes the code, approve may run init, call runs a method), or, at start
 * and before a query, when committed state holds a contract already. A chain with no contract never
 * loads it. Every node executes the same transactions the same way whenever it loaded.
 */
function interpreterReadiness(interpreter: InterpreterLoader): NonNullable<ModuleDefinition["ready"]> {
  return (txs, committed) => {
    if (interpreter.loaded()) return undefined;
    for (const tx of txs()) if (tx.module === contractsModuleName) return interpreter.load();
    return committed.list(contractsKeys.contractPrefix, 1).length > 0 ? interpreter.load() : undefined;
  };
}

export function createContractsModule(runtime: ContractsRuntime, enabled = true, interpreter?: InterpreterLoader): ModuleDefinition {
  const txTypes = { propose: createProposeTxType(runtime), approve: createApproveTxType(runtime), call: createCallTxType(runtime) };
  const queries = contractsQueries(runtime);
  return {
    name: contractsModuleName,
    description: "Contracts approved by more than two thirds of the organisations, run in a metered deterministic sandbox.",
    txTypes: enabled ? txTypes : Object.fromEntries(Object.entries(txTypes).map(([type, definition]) => [type, refusedTxType(definition)])),
    queries: enabled ? queries : { ...queries, query: { ...queries.query, run: notEnabled } as QueryDefinition },
    ...(enabled && interpreter !== undefined ? { ready: interpreterReadiness(interpreter) } : {}),
  };
}

/** The contracts service over a given sandbox, made on first use; `interpreter` loads what the sandbox needs, when it needs loading. */
export function contractsServiceFactory(makeSandbox: () => ContractSandbox, interpreter?: InterpreterLoader): ServiceFactory {
  return ({ suite, genesis }) => {
    let sandbox: ContractSandbox | undefined;
    const initial = contractsParametersFrom(genesis.sections?.[contractsModuleName] as ContractsGenesisSection | undefined);
    const runtime: ContractsRuntime = { suite, sandbox: () => (sandbox ??= makeSandbox()), validators: new ArgsValidators(), codeTexts: new CodeTexts(), records: new ContractRecords(initial) };
    return defineService({
      module: { ...createContractsModule(runtime, contractsEnabled(genesis), interpreter), parameters: contractsParameterDefinitions(initial) },
      genesis: {
        sectionSchema: contractsGenesisSectionSchema,
        // The section's limits and prices are the defaults of the contracts parameters, which governance's genesis writes.
        write: () => undefined,
      },
      httpStatusByCode: contractsHttpStatusByCode,
    });
  };
}

/** Contracts as the node runs them: the interpreter is loaded only once a chain that runs contracts needs it. */
export const createContractsService: ServiceFactory = contractsServiceFactory(createContractSandbox, { load: loadContractSandbox, loaded: contractSandboxLoaded });
