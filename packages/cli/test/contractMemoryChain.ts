import { type CborValue, decodeCanonical, encodeCanonical, intlSuite } from "@kexin/core";
import type { Context, ContractCallerInfo, ContractValue, MethodsDeclaration } from "@kexin/sdk/contract";

/** A bundled contract module as imported: its `methods` and a function per method. */
export type ContractModule = { readonly methods: MethodsDeclaration } & { readonly [name: string]: unknown };

export type MemoryEvent = { readonly type: string; readonly data: ContractValue };
export type MemoryOutcome = { readonly ok: true; readonly value: ContractValue; readonly events: readonly MemoryEvent[] } | { readonly ok: false; readonly message: string };

/**
 * A contract's state and a way to call its methods, in plain Node with the same Context API the
 * sandbox offers. Values cross as canonical CBOR, as on chain, so a float anywhere fails the call;
 * a failed call keeps none of its writes or events; a readOnly method cannot write. It checks a
 * contract's logic, not the sandbox (gas, limits and schemas are the node's).
 */
export class MemoryChain {
  height = 1;
  time = 1_700_000_000_000;
  private state = new Map<string, Uint8Array>();

  constructor(private readonly module: ContractModule) {}

  keys(): string[] {
    return [...this.state.keys()].sort();
  }

  call(method: string, args: ContractValue, caller: ContractCallerInfo): MemoryOutcome {
    const declared = this.module.methods[method];
    const run = this.module[method];
    if (declared === undefined || typeof run !== "function") return { ok: false, message: `method ${method} is not declared` };
    return this.run(run as (args: ContractValue, ctx: Context) => unknown, args, caller, declared.readOnly === true);
  }

  private run(method: (args: ContractValue, ctx: Context) => unknown, args: ContractValue, caller: ContractCallerInfo, readOnly: boolean): MemoryOutcome {
    const writes = new Map(this.state);
    const events: MemoryEvent[] = [];
    const write = (change: () => void) => {
      if (readOnly) throw new Error("a readOnly method cannot write");
      change();
    };
    const ctx: Context = {
      state: {
        get: (key) => {
          const bytes = writes.get(key);
          return bytes === undefined ? undefined : (decodeCanonical(bytes) as ContractValue);
        },
        set: (key, value) => write(() => writes.set(key, encodeCanonical(value))),
        delete: (key) => write(() => writes.delete(key)),
        list: (prefix, limit) =>
          [...writes.keys()]
            .filter((key) => key.startsWith(prefix))
            .sort()
            .slice(0, limit)
            .map((key) => ({ key, value: decodeCanonical(writes.get(key) as Uint8Array) as ContractValue })),
      },
      emit: (type, data) => write(() => events.push({ type, data: decodeCanonical(encodeCanonical(data)) as ContractValue })),
      caller,
      block: { height: this.height, time: this.time },
      call: () => {
        throw new Error("calls between contracts are not simulated here");
      },
      hash: (bytes) => intlSuite.hash(bytes),
      verifySignature: (publicKey, message, signature) => intlSuite.verify(publicKey, message, signature),
    };
    try {
      const result = method(decodeCanonical(encodeCanonical(args as CborValue)) as ContractValue, ctx);
      const value = decodeCanonical(encodeCanonical(result === undefined ? null : result)) as ContractValue;
      this.state = writes;
      return { ok: true, value, events };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  }
}
