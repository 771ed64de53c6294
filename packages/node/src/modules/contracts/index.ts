import { type ContractsGenesisSection, contractsGenesisSectionSchema, contractsModuleName } from "@kexin/core";
import type { ModuleDefinition } from "../../execution/interface.ts";
import { type ServiceFactory, defineService } from "../service.ts";
import { ArgsValidators } from "./argsCheck.ts";
import { createCallTxType } from "./call.ts";
import { contractsHttpStatusByCode } from "./errors.ts";
import { createApproveTxType, createProposeTxType } from "./lifecycle.ts";
import { contractsParametersFrom, writeContractsParameters } from "./parameters.ts";
import { contractsQueries } from "./queries.ts";
import type { ContractsRuntime } from "./runtime.ts";
import { type ContractSandbox, createContractSandbox } from "./sandbox/index.ts";

export { defaultContractsParameters, readContractsParameters } from "./parameters.ts";

export function createContractsModule(runtime: ContractsRuntime): ModuleDefinition {
  return {
    name: contractsModuleName,
    description: "Contracts approved by more than two thirds of the organisations, run in a metered deterministic sandbox.",
    txTypes: { propose: createProposeTxType(runtime), approve: createApproveTxType(runtime), call: createCallTxType(runtime) },
    queries: contractsQueries(runtime),
  };
}

/** The contracts service over a given sandbox; the chain's sandbox is made on first use, since loading it is not free. */
export function contractsServiceFactory(makeSandbox: () => ContractSandbox): ServiceFactory {
  return ({ suite }) => {
    let sandbox: ContractSandbox | undefined;
    const runtime: ContractsRuntime = { suite, sandbox: () => (sandbox ??= makeSandbox()), validators: new ArgsValidators() };
    return defineService({
      module: createContractsModule(runtime),
      genesis: {
        sectionSchema: contractsGenesisSectionSchema,
        write: (context, genesis) => writeContractsParameters(context.state, contractsParametersFrom(genesis.sections?.[contractsModuleName] as ContractsGenesisSection | undefined)),
      },
      httpStatusByCode: contractsHttpStatusByCode,
    });
  };
}

/** Contracts as the node runs them. */
export const createContractsService: ServiceFactory = contractsServiceFactory(createContractSandbox);
