import { type CborValue, KexinError } from "@kexin/core";
import type { QuickJSHandle } from "quickjs-emscripten-core";
import { canonicalSizeBytes } from "./cborSize.ts";
import type { CodeImage } from "./codeImage.ts";
import { GasMeter } from "./gasMeter.ts";
import type { ContractGasPrices, ContractHost, ContractLimits, ContractRun } from "./interface.ts";
import type { EngineListener, HostArg, QuickJsEngine } from "./quickJsEngine.ts";
import { hostOperations } from "./prelude.ts";
import { seedWords } from "./seedWords.ts";
import { WireRefusal, cborFromWire, wireFromCbor } from "./wire.ts";

/** At most this many entries per ctx.state.list, whatever limit the contract asks for. */
export const listEntriesMax = 1000;
const eventTypeBytesMax = 64;
const nameBytesMax = 64;
/** Codes the prelude may report through its "refuse" host call. */
const preludeRefusals = new Set(["CONTRACT_FLOAT_REFUSED", "CONTRACT_VALUE_INVALID", "CONTRACT_METHOD_NOT_FOUND"]);

const utf8Bytes = (text: string): number => Buffer.byteLength(text, "utf8");

/** Thrown back into the contract when the call has already been stopped; the stop, not this, is the outcome. */
class CallStopped extends Error {}

/**
 * One method call in one engine: it meters gas (interrupt polls, host calls, bytes stored and
 * emitted), answers the prelude's host calls against the ContractHost, and turns what happened into
 * a ContractRun. A host failure that is not a contract outcome (a bug, storage) is kept as a fault
 * and rethrown from run, so the node halts instead of recording a result.
 */
export class ContractCall implements EngineListener {
  private readonly meter: GasMeter;
  private fault: { readonly error: unknown } | undefined;
  /** Polls before the last interrupt, the counter's value just after it, and the polls already charged. */
  private pollsBeforeInterrupt = 0;
  private counterAfterInterrupt: number;
  private pollsCharged = 0;

  constructor(
    private readonly engine: QuickJsEngine,
    private readonly codeImage: CodeImage,
    private readonly host: ContractHost,
    private readonly limits: ContractLimits,
    private readonly prices: ContractGasPrices,
  ) {
    this.meter = new GasMeter(limits.gasLimit);
    this.counterAfterInterrupt = engine.interruptCounter();
  }

  run(method: string, args: CborValue): ContractRun {
    const { context, entries } = this.engine;
    let argsWire: string;
    try {
      argsWire = wireFromCbor(args);
    } catch (error) {
      if (error instanceof WireRefusal) return this.meter.failure(error);
      throw error;
    }
    const { address, organisation, roles } = this.host.caller;
    const { height, time } = this.host.block;
    const outcome = this.engine.callEntry(entries.invoke, [
      this.codeImage.exports,
      method,
      argsWire,
      address,
      organisation === undefined ? context.null : organisation,
      JSON.stringify(roles),
      height,
      time,
    ]);
    if (outcome.error !== undefined) return this.thrown(outcome.error);
    let text = outcome.text;
    if (text === "p") {
      this.drainJobs();
      const collected = context.callFunction(entries.collect, context.undefined);
      if (collected.error) return this.thrown(collected.error);
      text = context.getString(collected.value);
    }
    return this.returned(text);
  }

  onInterrupt(): boolean {
    // The counter went from its last value down to zero (one poll if it was already zero) and has just been reset.
    this.pollsBeforeInterrupt += Math.max(this.counterAfterInterrupt, 1);
    this.counterAfterInterrupt = this.engine.interruptCounter();
    if (this.chargeWork()) this.checkMemory();
    return this.meter.stop !== undefined;
  }

  /** Charges every poll (backward jump or call) since the last charge; false once the call is stopped. */
  private chargeWork(): boolean {
    const polls = this.pollsBeforeInterrupt + this.counterAfterInterrupt - this.engine.interruptCounter();
    const charged = this.meter.charge((polls - this.pollsCharged) * this.prices.work);
    this.pollsCharged = polls;
    return charged;
  }

  onHostCall(operation: number, args: readonly HostArg[]): QuickJSHandle | undefined {
    try {
      if (operation === hostOperations.refuse) return this.refuse(args);
      // The prelude's own: Math.random's seed, asked for at the call's first draw. The draw's work is charged as work.
      if (operation === hostOperations.seed) return this.engine.context.newString(JSON.stringify(seedWords(this.host.randomSeed)));
      if (operation === hostOperations.deny) {
        this.meter.stopWith("CONTRACT_NONDETERMINISTIC_API", `${this.string(args[0], "name")} is not available to contracts: it is not deterministic`);
      }
      if (this.meter.stop !== undefined) throw new CallStopped(this.meter.stop.message);
      this.checkMemory();
      if (!this.chargeWork() || !this.meter.charge(this.prices.hostCall)) throw new CallStopped("out of gas");
      return this.hostOperation(operation, args);
    } catch (error) {
      throw this.thrownToContract(error);
    }
  }

  private hostOperation(operation: number, args: readonly HostArg[]): QuickJSHandle | undefined {
    const { context } = this.engine;
    switch (operation) {
      case hostOperations.get: {
        const value = this.host.get(this.stateKey(args[0]));
        if (value === undefined) return undefined;
        return typeof value === "number" ? context.newNumber(value) : context.newString(wireFromCbor(value));
      }
      case hostOperations.set:
        return this.setState(this.stateKey(args[0]), cborFromWire(this.string(args[1], "value")));
      case hostOperations.setInteger:
        return this.setState(this.stateKey(args[0]), this.integer(args[1], "value"));
      case hostOperations.delete:
        this.host.delete(this.stateKey(args[0]));
        return undefined;
      case hostOperations.list: {
        const prefix = this.stateKey(args[0]);
        const limit = this.integer(args[1], "list limit");
        if (limit < 0) return this.stop("CONTRACT_VALUE_INVALID", "a list limit must not be negative");
        const entries = this.host.list(prefix, Math.min(limit, listEntriesMax));
        this.chargeOrStop(this.prices.hostCall * entries.length);
        return context.newString(wireFromCbor(entries.map(({ key, value }) => ({ key, value }))));
      }
      case hostOperations.emit: {
        const type = this.string(args[0], "event type");
        const typeBytes = utf8Bytes(type);
        if (typeBytes === 0 || typeBytes > eventTypeBytesMax) return this.stop("CONTRACT_VALUE_INVALID", `an event type must be 1 to ${eventTypeBytesMax} bytes`);
        const data = cborFromWire(this.string(args[1], "event data"));
        const eventBytes = typeBytes + canonicalSizeBytes(data);
        if (eventBytes > this.limits.eventBytesMax) {
          return this.stop("CONTRACT_EVENT_TOO_LARGE", `an event of ${eventBytes} bytes is more than the ${this.limits.eventBytesMax} allowed`);
        }
        this.chargeOrStop(this.prices.eventByte * eventBytes);
        // As the chain records it, [type, data] in CBOR: the array's and the type's headers count too.
        const recordedBytes = 1 + (typeBytes < 24 ? 1 : 2) + eventBytes;
        if (recordedBytes > this.limits.eventBytesMax) {
          return this.stop("CONTRACT_EVENT_TOO_LARGE", `event "${type.slice(0, 64)}" is ${recordedBytes} bytes; at most ${this.limits.eventBytesMax} are allowed`);
        }
        this.host.emit(type, data);
        return undefined;
      }
      case hostOperations.call:
        return context.newString(wireFromCbor(this.innerCall(args)));
      case hostOperations.hash:
        return context.newString(wireFromCbor(this.host.hash(this.bytes(args[0], "bytes to hash"))));
      case hostOperations.verify: {
        const valid = this.host.verifySignature(this.bytes(args[0], "public key"), this.bytes(args[1], "message"), this.bytes(args[2], "signature"));
        return valid ? context.true : context.false;
      }
      default:
        throw new Error(`unknown host operation ${operation}`);
    }
  }

  private setState(key: string, value: CborValue): undefined {
    const valueBytes = canonicalSizeBytes(value);
    if (valueBytes > this.limits.stateValueBytesMax) {
      return this.stop("CONTRACT_VALUE_TOO_LARGE", `a state value of ${valueBytes} bytes is more than the ${this.limits.stateValueBytesMax} allowed`);
    }
    this.chargeOrStop(this.prices.storedByte * (utf8Bytes(key) + valueBytes));
    this.host.set(key, value);
    return undefined;
  }

  /**
   * ctx.call: the inner call gets at most the gas left. A ContractError from the host (the inner
   * call failed, CONTRACT_CALL_DEPTH, CONTRACT_NOT_FOUND, …) ends this call too, with that code, and
   * charges the whole gas handed to the inner call unless the error says how much it used: letting
   * the contract catch it would let it continue with gas that was never accounted for.
   */
  private innerCall(args: readonly HostArg[]): CborValue {
    const contract = this.name(args[0], "contract name");
    const method = this.name(args[1], "method name");
    const callArgs = cborFromWire(this.string(args[2], "call arguments"));
    const requested = this.integer(args[3], "gas limit");
    if (requested < 1) return this.stop("CONTRACT_VALUE_INVALID", "an inner call's gas limit must be at least 1");
    const gasLimit = Math.min(requested, this.meter.remaining);
    let result: { readonly value: CborValue; readonly gasUsed: number };
    try {
      result = this.host.call(contract, method, callArgs, gasLimit);
    } catch (error) {
      if (!isContractError(error)) throw error;
      const reported = (error.type as { gasUsed?: unknown }).gasUsed;
      this.meter.charge(typeof reported === "number" && Number.isSafeInteger(reported) && reported >= 0 ? Math.min(reported, gasLimit) : gasLimit);
      return this.stop(error.code, error.message);
    }
    this.chargeOrStop(result.gasUsed);
    return result.value;
  }

  private refuse(args: readonly HostArg[]): undefined {
    const code = this.string(args[0], "code");
    if (!preludeRefusals.has(code)) throw new Error(`the prelude refused with an unknown code ${code}`);
    this.meter.stopWith(code, this.string(args[1], "message"));
    return undefined;
  }

  private thrownToContract(error: unknown): Error {
    if (error instanceof CallStopped) return error;
    if (error instanceof WireRefusal || isContractError(error)) {
      this.meter.stopWith(error.code, error.message);
      return new CallStopped(error.message);
    }
    this.fault ??= { error };
    this.meter.stopWith("CONTRACT_HOST_FAULT", "the host failed");
    return new CallStopped("the host failed");
  }

  private stop(code: string, message: string): never {
    this.meter.stopWith(code, message);
    throw new CallStopped(message);
  }

  private chargeOrStop(amount: number): void {
    if (!this.meter.charge(amount)) throw new CallStopped("out of gas");
  }

  /** The heap the call has grown beyond its image: deterministic because every call starts from the same bytes. */
  private checkMemory(): void {
    const grownBytes = this.engine.heapTopBytes() - this.codeImage.image.heapTopBytes;
    if (grownBytes > this.limits.memoryBytesMax) {
      this.meter.stopWith("CONTRACT_MEMORY_EXCEEDED", `the call used more than its ${this.limits.memoryBytesMax} bytes of memory`);
    }
  }

  private drainJobs(): void {
    const { runtime } = this.engine;
    while (this.meter.stop === undefined && runtime.hasPendingJob()) {
      const jobs = runtime.executePendingJobs(-1);
      if (jobs.error) {
        this.meter.stopWith("CONTRACT_THREW", "a promise job failed");
        return;
      }
    }
  }

  private thrown(errorHandle: QuickJSHandle): ContractRun {
    this.throwFault();
    this.chargeWork();
    if (this.meter.stop !== undefined) return this.meter.failure(this.meter.stop);
    const { context, entries } = this.engine;
    const printed = context.callFunction(entries.errorText, context.undefined, errorHandle);
    this.throwFault();
    if (this.meter.stop !== undefined) return this.meter.failure(this.meter.stop);
    const text = printed.error ? "an error that cannot be printed" : context.getString(printed.value);
    if (text === "InternalError: stack overflow" || text === "RangeError: Maximum call stack size exceeded") {
      return this.meter.failure({ code: "CONTRACT_STACK_EXCEEDED", message: `the call went deeper than its ${this.limits.stackBytesMax} bytes of stack` });
    }
    if (text === "InternalError: out of memory") {
      return this.meter.failure({ code: "CONTRACT_MEMORY_EXCEEDED", message: `the call used more than its ${this.limits.memoryBytesMax} bytes of memory` });
    }
    return this.meter.failure({ code: "CONTRACT_THREW", message: text });
  }

  private returned(text: string): ContractRun {
    this.throwFault();
    this.chargeWork();
    this.checkMemory();
    if (this.meter.stop !== undefined) return this.meter.failure(this.meter.stop);
    if (text === "p") return this.meter.failure({ code: "CONTRACT_THREW", message: "the method's promise never settled" });
    let value: CborValue;
    try {
      value = cborFromWire(text.slice(1));
    } catch (error) {
      if (error instanceof WireRefusal) return this.meter.failure(error);
      throw error;
    }
    const resultBytes = canonicalSizeBytes(value);
    if (resultBytes > this.limits.resultBytesMax) {
      return this.meter.failure({ code: "CONTRACT_RESULT_TOO_LARGE", message: `a result of ${resultBytes} bytes is more than the ${this.limits.resultBytesMax} allowed` });
    }
    return { ok: true, value, gasUsed: this.meter.gasUsed };
  }

  private throwFault(): void {
    if (this.fault !== undefined) throw this.fault.error;
  }

  private string(arg: HostArg | undefined, what: string): string {
    if (arg === undefined || !this.engine.argIsString(arg)) return this.stop("CONTRACT_VALUE_INVALID", `the ${what} must be a string`);
    return this.engine.argString(arg);
  }

  private name(arg: HostArg | undefined, what: string): string {
    const text = this.string(arg, what);
    if (utf8Bytes(text) > nameBytesMax) return this.stop("CONTRACT_VALUE_INVALID", `the ${what} is longer than ${nameBytesMax} bytes`);
    return text;
  }

  private integer(arg: HostArg | undefined, what: string): number {
    const value = arg !== undefined && (this.engine.argIsInt32(arg) || this.engine.argTypeof(arg) === "number") ? this.engine.argNumber(arg) : Number.NaN;
    if (!Number.isSafeInteger(value)) return this.stop("CONTRACT_VALUE_INVALID", `the ${what} must be a safe integer`);
    return value;
  }

  private stateKey(arg: HostArg | undefined): string {
    const key = this.string(arg, "state key");
    const keyBytes = utf8Bytes(key);
    if (keyBytes > this.limits.stateKeyBytesMax) {
      return this.stop("CONTRACT_VALUE_TOO_LARGE", `a state key of ${keyBytes} bytes is more than the ${this.limits.stateKeyBytesMax} allowed`);
    }
    return key;
  }

  private bytes(arg: HostArg | undefined, what: string): Uint8Array {
    const value = cborFromWire(this.string(arg, what));
    if (!(value instanceof Uint8Array)) return this.stop("CONTRACT_VALUE_INVALID", `the ${what} must be a Uint8Array`);
    return value;
  }
}

function isContractError(error: unknown): error is KexinError {
  return error instanceof KexinError && typeof error.code === "string" && error.code.startsWith("CONTRACT_");
}
