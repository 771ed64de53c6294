import { EnginePool, QuickJsContractSandbox } from "./contractSandbox.ts";
import type { ContractSandbox } from "./interface.ts";
import { loadQuickJsEngines } from "./quickJsEngine.ts";

export type * from "./interface.ts";
import { ContractSandboxFault } from "./errors.ts";

export { ContractCodeError, type ContractCodeErrorType, ContractSandboxFault } from "./errors.ts";
export { listEntriesMax } from "./contractCall.ts";
export { stackBytesSupportedMax } from "./codeImage.ts";

/**
 * The deepest ctx.call nesting the sandbox can run: one WebAssembly instance per level is loaded
 * by loadContractSandbox. The chain's callDepthMax must not exceed it.
 */
export const contractCallDepthSupportedMax = 8;

let pool: EnginePool | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads the WebAssembly instances, once per process. Asynchronous, so it runs before a chain that
 * runs contracts executes any block; after it, creating a sandbox and running calls is synchronous.
 * A process that never loads it pays nothing for the interpreter.
 */
export function loadContractSandbox(): Promise<void> {
  loading ??= loadQuickJsEngines(contractCallDepthSupportedMax + 1).then((engines) => {
    pool = new EnginePool(engines);
  });
  return loading;
}

export function createContractSandbox(): ContractSandbox {
  if (pool === undefined) throw new ContractSandboxFault("the contract sandbox is not loaded: await loadContractSandbox() before executing blocks");
  return new QuickJsContractSandbox(pool);
}
