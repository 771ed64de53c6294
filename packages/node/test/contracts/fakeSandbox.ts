import vm from "node:vm";
import { type CborValue, ContractError, type ContractErrorCode, encodeCanonical } from "@kexin/core";
import type { ContractGasPrices, ContractHost, ContractInterface, ContractLimits, ContractRun, ContractSandbox } from "../../src/modules/contracts/sandbox/index.ts";
import { holdsFloat } from "../../src/modules/contracts/values.ts";

/*
 * A stand-in for the QuickJS sandbox, for the module's tests only: it runs a contract written as
 * a plain JavaScript ES module in a fresh node:vm context per call, and meters gas by host calls
 * and bytes, which is deterministic for the contracts these tests use. It is never used by a node.
 */

class OutOfGas extends Error {}

const runCost = 100;
const backstopTimeoutMs = 2_000;

function refusal(code: ContractErrorCode, message: string): ContractError {
  return new ContractError({ code }, message);
}

/** Turns `export function f` / `export const x` into declarations and collects what the module exports. */
function evaluate(code: string): Record<string, unknown> {
  const exported: string[] = [];
  const body = code.replace(/export\s+(function|const|let)\s+([A-Za-z_$][\w$]*)/g, (_match, kind: string, name: string) => {
    exported.push(name);
    return `${kind} ${name}`;
  });
  let script: vm.Script;
  try {
    script = new vm.Script(`${body}\n;({ ${exported.join(", ")} })`);
  } catch (error) {
    throw refusal("CONTRACT_CODE_INVALID", `code does not parse: ${(error as Error).message}`);
  }
  return script.runInContext(vm.createContext({}), { timeout: backstopTimeoutMs }) as Record<string, unknown>;
}

function hostValue(value: unknown): CborValue {
  const copied = value === undefined ? null : (structuredClone(value) as CborValue);
  if (holdsFloat(copied)) throw refusal("CONTRACT_FLOAT_REFUSED", "a value holds a floating-point number");
  return copied;
}

export function createFakeSandbox(): ContractSandbox {
  return {
    describe(code: string, limits: ContractLimits): ContractInterface {
      if (Buffer.byteLength(code) > limits.codeBytesMax) throw refusal("CONTRACT_CODE_TOO_LARGE", "code too large");
      const exports = evaluate(code);
      const declared = exports.methods as Record<string, { args?: unknown; readOnly?: boolean }> | undefined;
      if (declared === undefined || typeof declared !== "object") throw refusal("CONTRACT_CODE_INVALID", "the code exports no methods");
      const methods: Record<string, { args: CborValue; readOnly: boolean }> = {};
      for (const [name, method] of Object.entries(declared)) {
        if (typeof exports[name] !== "function") throw refusal("CONTRACT_CODE_INVALID", `method ${name} is declared but not exported`);
        methods[name] = { args: JSON.parse(JSON.stringify(method.args ?? {})) as CborValue, readOnly: method.readOnly === true };
      }
      return { methods };
    },

    run(code: string, method: string, args: CborValue, host: ContractHost, limits: ContractLimits, prices: ContractGasPrices): ContractRun {
      let gasUsed = 0;
      let exhausted = false;
      const use = (units: number): void => {
        gasUsed += units;
        if (gasUsed > limits.gasLimit) {
          exhausted = true;
          gasUsed = limits.gasLimit;
          throw new OutOfGas("out of gas");
        }
      };
      const stored = (value: unknown): number => encodeCanonical(hostValue(value)).length;
      const ctx = {
        state: {
          get: (key: string) => (use(prices.hostCall), host.get(key) ?? null),
          set: (key: string, value: unknown) => (use(prices.hostCall + prices.storedByte * stored(value)), host.set(key, hostValue(value))),
          delete: (key: string) => (use(prices.hostCall), host.delete(key)),
          list: (prefix: string, limit: number) => (use(prices.hostCall), host.list(prefix, limit)),
        },
        emit: (type: string, data: unknown) => (use(prices.hostCall + prices.eventByte * stored(data)), host.emit(type, hostValue(data))),
        caller: host.caller,
        block: host.block,
        call: (contract: string, calledMethod: string, calledArgs: unknown, gasLimit: number) => {
          use(prices.hostCall);
          try {
            const result = host.call(contract, calledMethod, hostValue(calledArgs), Math.min(gasLimit, limits.gasLimit - gasUsed));
            use(result.gasUsed);
            return result.value;
          } catch (error) {
            if (error instanceof ContractError && error.type.gasUsed !== undefined) use(error.type.gasUsed);
            throw error;
          }
        },
        hash: (bytes: Uint8Array) => (use(prices.hostCall), host.hash(bytes)),
        verifySignature: (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => (use(prices.hostCall), host.verifySignature(publicKey, message, signature)),
      };
      try {
        use(runCost * prices.work);
        const exports = evaluate(code);
        const run = exports[method];
        if (typeof run !== "function") throw refusal("CONTRACT_METHOD_NOT_FOUND", `no method ${method}`);
        const value = hostValue((run as (args: unknown, context: unknown) => unknown)(structuredClone(args), ctx));
        if (exhausted) throw new OutOfGas("out of gas");
        return { ok: true, value, gasUsed };
      } catch (error) {
        if (exhausted || error instanceof OutOfGas) return { ok: false, code: "CONTRACT_OUT_OF_GAS", message: `out of gas (limit ${limits.gasLimit})`, gasUsed };
        if (error instanceof ContractError) return { ok: false, code: error.code, message: error.message, gasUsed };
        return { ok: false, code: "CONTRACT_THREW", message: String((error as Error)?.message ?? error).slice(0, 256), gasUsed };
      }
    },
  };
}
