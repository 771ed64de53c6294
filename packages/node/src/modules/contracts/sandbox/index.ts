import type { ContractSandbox } from "./interface.ts";

export type { ContractCaller, ContractGasPrices, ContractHost, ContractInterface, ContractLimits, ContractRun, ContractSandbox } from "./interface.ts";

/** Placeholder until the QuickJS sandbox lands: the module builds and loads, and any contract use fails loudly. */
export function createContractSandbox(): ContractSandbox {
  const notBuilt = (): never => {
    throw new Error("the contract sandbox is not built");
  };
  return { describe: notBuilt, run: notBuilt };
}
