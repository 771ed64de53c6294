import type { QuickJSHandle } from "quickjs-emscripten-core";
import { ContractCodeError } from "./errors.ts";
import type { ContractLimits } from "./interface.ts";
import { hostOperations } from "./prelude.ts";
import type { EngineListener, MemoryImage, QuickJsEngine } from "./quickJsEngine.ts";

/** An engine's memory just after a contract module was evaluated on top of the base image, with its exports. */
export interface CodeImage {
  readonly image: MemoryImage;
  readonly exports: QuickJSHandle;
  readonly memoryBytesMax: number;
  readonly stackBytesMax: number;
}

/**
 * Interpreter work a module's top-level code may do, in interrupt polls (one per 10,000 backward
 * jumps or calls): evaluation happens once per code and engine, so it is bounded but not charged.
 */
const moduleEvaluationPollsMax = 100;
/** Deeper than this the interpreter's native WebAssembly frames could exhaust V8's own stack first. */
export const stackBytesSupportedMax = 256 * 1024;
const codeImagesPerEngineMax = 16;

const utf8Encoder = new TextEncoder();

export function applyLimits(engine: QuickJsEngine, limits: ContractLimits): void {
  engine.runtime.setMemoryLimit(limits.memoryBytesMax);
  engine.runtime.setMaxStackSize(Math.min(limits.stackBytesMax, stackBytesSupportedMax));
}

export function assertCodeSize(code: string, limits: ContractLimits): void {
  const sizeBytes = code.length > limits.codeBytesMax ? utf8Encoder.encode(code).length : code.length;
  if (sizeBytes > limits.codeBytesMax) {
    throw new ContractCodeError(
      { code: "CONTRACT_CODE_TOO_LARGE", sizeBytes, sizeBytesMax: limits.codeBytesMax },
      `the contract's code is ${sizeBytes} bytes, more than the ${limits.codeBytesMax} allowed`,
    );
  }
}

const codeInvalid = (reason: string): ContractCodeError => new ContractCodeError({ code: "CONTRACT_CODE_INVALID", reason }, `the contract's code is invalid: ${reason}`);

class ModuleEvaluation implements EngineListener {
  polls = 0;
  reason: string | undefined;

  onInterrupt(): boolean {
    this.polls++;
    if (this.polls > moduleEvaluationPollsMax) this.reason ??= "its top-level code does too much work";
    return this.reason !== undefined;
  }

  onHostCall(operation: number): undefined {
    this.reason ??= operation === hostOperations.deny ? "its top-level code uses an API that is not deterministic" : "its top-level code reached the host";
    throw new Error(this.reason);
  }
}

/** Evaluates code as an ES module on the engine's base image and captures the result. Throws ContractCodeError. */
function evaluateCode(engine: QuickJsEngine, code: string, limits: ContractLimits): CodeImage {
  assertCodeSize(code, limits);
  const { context, runtime } = engine;
  engine.restore(engine.baseImage);
  applyLimits(engine, limits);
  const evaluation = new ModuleEvaluation();
  engine.listener = evaluation;
  try {
    const result = context.evalCode(code, "contract.js", { type: "module" });
    while (evaluation.reason === undefined && runtime.hasPendingJob()) {
      const jobs = runtime.executePendingJobs(-1);
      if (jobs.error) evaluation.reason ??= "its top-level promise jobs failed";
    }
    if (evaluation.reason !== undefined) throw codeInvalid(evaluation.reason);
    if (result.error) {
      const text = context.callFunction(engine.entries.errorText, context.undefined, result.error);
      throw codeInvalid(text.error ? "it does not evaluate" : context.getString(text.value));
    }
    const exports = result.value;
    const state = context.getPromiseState(exports);
    if (context.typeof(exports) !== "object" || !(state.type === "fulfilled" && state.notAPromise === true)) {
      throw codeInvalid("top-level await is not supported");
    }
    return { image: engine.capture(), exports, memoryBytesMax: limits.memoryBytesMax, stackBytesMax: limits.stackBytesMax };
  } finally {
    engine.listener = undefined;
  }
}

/** Each engine's code images, most recently used last, at most codeImagesPerEngineMax. */
export class CodeImages {
  private readonly images = new Map<string, CodeImage>();

  get(engine: QuickJsEngine, code: string, limits: ContractLimits): CodeImage {
    const cached = this.images.get(code);
    if (cached !== undefined && cached.memoryBytesMax === limits.memoryBytesMax && cached.stackBytesMax === limits.stackBytesMax) {
      this.images.delete(code);
      this.images.set(code, cached);
      return cached;
    }
    this.images.delete(code);
    const image = evaluateCode(engine, code, limits);
    this.images.set(code, image);
    while (this.images.size > codeImagesPerEngineMax) this.images.delete(this.images.keys().next().value as string);
    return image;
  }
}
