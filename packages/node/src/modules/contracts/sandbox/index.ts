import { EnginePool, QuickJsContractSandbox } from "./contractSandbox.ts";
import type { ContractSandbox } from "./interface.ts";

export type * from "./interface.ts";
import { ContractSandboxNotLoaded } from "./errors.ts";

export { ContractCodeError, type ContractCodeErrorType, ContractSandboxFault, ContractSandboxNotLoaded } from "./errors.ts";
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
 * Loads the WebAssembly instances, once per process. Asynchronous, so the contracts module's
 * readiness check awaits it before the first block or query that needs it; after it, creating a
 * sandbox and running calls is synchronous. A process that never loads it pays nothing for the
 * interpreter.
 */
export function loadContractSandbox(): Promise<void> {
  // Imported here, not at the top: a process that never loads the interpreter does not load its JavaScript either.
  loading ??= import("./quickJsEngine.ts")
    .then(({ loadQuickJsEngines }) => loadQuickJsEngines(contractCallDepthSupportedMax + 1))
    .then((engines) => {
      pool = new EnginePool(engines);
    });
  return loading;
}

/** Whether loadContractSandbox has finished in this process. */
export function contractSandboxLoaded(): boolean {
  return pool !== undefined;
}

export function createContractSandbox(): ContractSandbox {
  if (pool === undefined) throw new ContractSandboxNotLoaded("the contract sandbox is not loaded: await loadContractSandbox() before executing blocks");
  return new QuickJsContractSandbox(pool);
}
