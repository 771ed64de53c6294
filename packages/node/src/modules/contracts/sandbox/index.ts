import { EnginePool, QuickJsContractSandbox } from "./contractSandbox.ts";
import type { ContractSandbox } from "./interface.ts";
import { loadQuickJsEngines } from "./quickJsEngine.ts";

export type * from "./interface.ts";
export { ContractCodeError, type ContractCodeErrorType, ContractSandboxFault } from "./errors.ts";
export { listEntriesMax } from "./contractCall.ts";
export { stackBytesSupportedMax } from "./codeImage.ts";

/**
 * The deepest ctx.call nesting the sandbox can run: one WebAssembly instance per level is loaded
 * when this module is imported. The chain's callDepthMax must not exceed it.
 */
export const contractCallDepthSupportedMax = 8;

// Loading the WebAssembly instances is asynchronous; importing this module waits for it once, so
// creating a sandbox is synchronous.
const pool = new EnginePool(await loadQuickJsEngines(contractCallDepthSupportedMax + 1));

export function createContractSandbox(): ContractSandbox {
  return new QuickJsContractSandbox(pool);
}
