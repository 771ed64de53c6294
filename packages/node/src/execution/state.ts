import { type CborValue, decodeTrusted, encodeCanonical } from "@kexin/core";
import { nodeLimits } from "../limits.ts";
import { ExecutionError } from "./errors.ts";
import type { StateRead, StateWrite } from "./interface.ts";

/** Raw state: undefined means absent. */
export interface RawState {
  getRaw(key: string): Uint8Array | undefined;
  listRaw(prefix: string, limit: number): { key: string; value: Uint8Array }[];
}

/**
 * Buffers writes over a parent state. A block buffers over the committed store and each
 * transaction buffers over its block, so a failed transaction is dropped by discarding its buffer.
 */
export class WriteBuffer implements RawState {
  readonly writes = new Map<string, Uint8Array | null>();

  constructor(private readonly parent: RawState) {}

  getRaw(key: string): Uint8Array | undefined {
    const written = this.writes.get(key);
    if (written !== undefined) return written ?? undefined;
    return this.parent.getRaw(key);
  }

  listRaw(prefix: string, limit: number): { key: string; value: Uint8Array }[] {
    const own = [...this.writes.entries()].filter(([key]) => key.startsWith(prefix));
    const merged = new Map<string, Uint8Array | null>();
    for (const entry of this.parent.listRaw(prefix, limit + own.length)) merged.set(entry.key, entry.value);
    for (const [key, value] of own) merged.set(key, value);
    const entries: { key: string; value: Uint8Array }[] = [];
    for (const key of [...merged.keys()].sort()) {
      const value = merged.get(key);
      if (value) entries.push({ key, value });
      if (entries.length >= limit) break;
    }
    return entries;
  }

  put(key: string, value: Uint8Array | null): void {
    this.writes.set(key, value);
  }

  mergeInto(target: WriteBuffer): void {
    for (const [key, value] of this.writes) target.put(key, value);
  }
}

/**
 * Committed state as one block sees it: the store does not change while a block executes, so
 * each key is read from LMDB at most once per block.
 */
export class BlockReadCache implements RawState {
  private readonly cache = new Map<string, Uint8Array | undefined>();

  constructor(private readonly committed: RawState) {}

  /** Keys read so far. */
  get size(): number {
    return this.cache.size;
  }

  getRaw(key: string): Uint8Array | undefined {
    if (this.cache.has(key)) return this.cache.get(key);
    const value = this.committed.getRaw(key);
    this.cache.set(key, value);
    return value;
  }

  listRaw(prefix: string, limit: number): { key: string; value: Uint8Array }[] {
    return this.committed.listRaw(prefix, limit);
  }
}

/** A module's view of its own namespace: keys are stored as `<module>/<key>`, values as canonical CBOR. */
export class NamespacedState implements StateWrite {
  constructor(
    private readonly raw: RawState & { put?(key: string, value: Uint8Array | null): void },
    private readonly namespace: string,
  ) {}

  get(key: string): CborValue | undefined {
    const bytes = this.raw.getRaw(`${this.namespace}/${key}`);
    return bytes === undefined ? undefined : decodeTrusted(bytes);
  }

  list(prefix: string, limit: number): { key: string; value: CborValue }[] {
    const offset = this.namespace.length + 1;
    return this.raw
      .listRaw(`${this.namespace}/${prefix}`, Math.min(limit, nodeLimits.apiQueryResultsMax))
      .map((entry) => ({ key: entry.key.slice(offset), value: decodeTrusted(entry.value) }));
  }

  set(key: string, value: CborValue): void {
    const fullKey = `${this.namespace}/${key}`;
    if (Buffer.byteLength(fullKey, "utf8") > nodeLimits.stateKeyBytesMax) {
      throw new ExecutionError({ code: "TX_LIMIT_EXCEEDED", limit: "stateKeyBytesMax" }, `state key is longer than ${nodeLimits.stateKeyBytesMax} bytes`);
    }
    const bytes = encodeCanonical(value);
    if (bytes.length > nodeLimits.stateValueBytesMax) {
      throw new ExecutionError({ code: "TX_LIMIT_EXCEEDED", limit: "stateValueBytesMax" }, `state value is larger than ${nodeLimits.stateValueBytesMax} bytes`);
    }
    this.writable().put(fullKey, bytes);
  }

  delete(key: string): void {
    this.writable().put(`${this.namespace}/${key}`, null);
  }

  private writable(): { put(key: string, value: Uint8Array | null): void } {
    if (!this.raw.put) throw new Error(`state of module ${this.namespace} is read-only here`);
    return this.raw as { put(key: string, value: Uint8Array | null): void };
  }
}

/**
 * A module's namespace that cannot be written through, for queries and for reading other modules.
 * A class with a private view rather than a literal of closures: transactions make several each.
 */
class ReadOnlyNamespace implements StateRead {
  readonly #view: NamespacedState;

  constructor(raw: RawState, module: string) {
    this.#view = new NamespacedState(raw, module);
  }

  get(key: string): CborValue | undefined {
    return this.#view.get(key);
  }

  list(prefix: string, limit: number): { key: string; value: CborValue }[] {
    return this.#view.list(prefix, limit);
  }
}

export function readOnlyNamespace(raw: RawState, module: string): StateRead {
  return new ReadOnlyNamespace(raw, module);
}
