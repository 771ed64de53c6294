import type { CborValue } from "@kexin/core";
import { CodeImages, applyLimits } from "./codeImage.ts";
import { ContractCall } from "./contractCall.ts";
import { ContractCodeError } from "./errors.ts";
import type { ContractGasPrices, ContractHost, ContractInterface, ContractLimits, ContractRun, ContractSandbox } from "./interface.ts";
import type { QuickJsEngine } from "./quickJsEngine.ts";
import { WireRefusal, cborFromWire } from "./wire.ts";

/**
 * The engines, one per call depth: an inner call (ctx.call) runs while its caller's interpreter is
 * suspended mid-call, so it needs a WebAssembly instance (and memory) of its own. Shared by every
 * sandbox in the process, since runs nest across them.
 */
export class EnginePool {
  private depth = 0;
  private readonly codeImages: CodeImages[];

  constructor(private readonly engines: readonly QuickJsEngine[]) {
    this.codeImages = engines.map(() => new CodeImages());
  }

  get depthMax(): number {
    return this.engines.length - 1;
  }

  /** Runs body on the engine for the current depth, or returns undefined when every engine is in use. */
  with<T>(body: (engine: QuickJsEngine, codeImages: CodeImages) => T): T | undefined {
    const engine = this.engines[this.depth];
    const codeImages = this.codeImages[this.depth];
    if (engine === undefined || codeImages === undefined) return undefined;
    this.depth++;
    try {
      return body(engine, codeImages);
    } finally {
      engine.listener = undefined;
      this.depth--;
    }
  }
}

const codeInvalid = (reason: string): ContractCodeError => new ContractCodeError({ code: "CONTRACT_CODE_INVALID", reason }, `the contract's code is invalid: ${reason}`);

export class QuickJsContractSandbox implements ContractSandbox {
  constructor(private readonly pool: EnginePool) {}

  describe(code: string, limits: ContractLimits): ContractInterface {
    const described = this.pool.with((engine, codeImages) => {
      const { image, exports } = codeImages.get(engine, code, limits);
      engine.restore(image);
      const { context, entries } = engine;
      const result = context.callFunction(entries.describe, context.undefined, exports);
      if (result.error) throw codeInvalid("its exports cannot be read (the methods declaration must hold only plain objects, arrays, strings, booleans and safe integers)");
      try {
        return cborFromWire(context.getString(result.value));
      } catch (error) {
        if (error instanceof WireRefusal) throw codeInvalid(`its exports cannot be read: ${error.message}`);
        throw error;
      }
    });
    if (described === undefined) throw codeInvalid("no interpreter is free to load it");
    return contractInterface(described);
  }

  run(code: string, method: string, args: CborValue, host: ContractHost, limits: ContractLimits, prices: ContractGasPrices): ContractRun {
    const run = this.pool.with((engine, codeImages): ContractRun => {
      let codeImage;
      try {
        codeImage = codeImages.get(engine, code, limits);
      } catch (error) {
        if (error instanceof ContractCodeError) return { ok: false, code: error.code, message: error.message, gasUsed: 0 };
        throw error;
      }
      engine.restore(codeImage.image);
      applyLimits(engine, limits);
      const call = new ContractCall(engine, codeImage, host, limits, prices);
      engine.listener = call;
      return call.run(method, args);
    });
    return run ?? { ok: false, code: "CONTRACT_CALL_DEPTH", message: `calls nest at most ${this.pool.depthMax} deep in this sandbox`, gasUsed: 0 };
  }
}

/** Checks what describe read from the module: `methods` declares only exported functions, each with an argument schema object. */
function contractInterface(described: CborValue): ContractInterface {
  const { methods, functions } = described as { methods: CborValue; functions: string[] };
  if (!isRecord(methods)) throw codeInvalid("it must export `methods`, an object declaring each callable method");
  const exported = new Set(functions);
  const declared: { [method: string]: { readonly args: CborValue; readonly readOnly: boolean } } = {};
  for (const [name, declaration] of Object.entries(methods)) {
    if (!isRecord(declaration)) throw codeInvalid(`methods.${name} must be an object { args, readOnly? }`);
    if (!exported.has(name)) throw codeInvalid(`methods.${name} is declared but the module exports no function ${name}`);
    const unknown = Object.keys(declaration).filter((key) => key !== "args" && key !== "readOnly");
    if (unknown.length > 0) throw codeInvalid(`methods.${name} has unknown fields: ${unknown.join(", ")}`);
    const { args, readOnly } = declaration;
    if (!isRecord(args)) throw codeInvalid(`methods.${name}.args must be a JSON schema object`);
    if (readOnly !== undefined && typeof readOnly !== "boolean") throw codeInvalid(`methods.${name}.readOnly must be a boolean`);
    declared[name] = { args, readOnly: readOnly === true };
  }
  return { methods: declared };
}

function isRecord(value: CborValue | undefined): value is { readonly [key: string]: CborValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
