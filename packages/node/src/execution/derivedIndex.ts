import { type CborValue, decodeTrusted, encodeCanonical, utf8 } from "@kexin/core";
import { nodeLimits } from "../limits.ts";
import { derivedIndexKeyPrefix } from "../storage/index.ts";
import type { DeferredList, DerivedIndexWrite } from "./interface.ts";
import type { RawState } from "./state.ts";

/** Where a module's derived index lives among the raw keys: `~index/<module>/<key>`. */
export function derivedIndexNamespace(module: string): string {
  return `${derivedIndexKeyPrefix}${module}`;
}

interface IndexValues {
  getValue(key: string): CborValue | undefined;
}

/**
 * Derived-index writes of a block or a transaction, kept as values until the block is done: an
 * index entry that several transactions of a block rewrite (a list's last page, a counter) is
 * encoded once per block, not once per transaction. A value handed to `put` is never changed
 * afterwards; writers build a new value instead.
 */
export class IndexBuffer implements IndexValues {
  readonly values = new Map<string, CborValue | null>();
  /** Deferred appends by module, then by list id, in the order of their first append; made on the first append, as most transactions have none. */
  private appends: Map<string, Map<string, { readonly list: DeferredList; readonly entries: CborValue[] }>> | undefined;

  constructor(private readonly parent: IndexValues) {}

  getValue(key: string): CborValue | undefined {
    const written = this.values.get(key);
    if (written !== undefined) return written ?? undefined;
    return this.parent.getValue(key);
  }

  put(key: string, value: CborValue | null): void {
    this.values.set(key, value);
  }

  append(module: string, list: DeferredList, entries: readonly CborValue[]): void {
    this.appends ??= new Map();
    let lists = this.appends.get(module);
    if (lists === undefined) this.appends.set(module, (lists = new Map()));
    const pending = lists.get(list.id);
    if (pending === undefined) lists.set(list.id, { list, entries: [...entries] });
    else for (const entry of entries) pending.entries.push(entry);
  }

  mergeInto(target: IndexBuffer): void {
    for (const [key, value] of this.values) target.put(key, value);
    if (this.appends === undefined) return;
    for (const [module, lists] of this.appends) for (const { list, entries } of lists.values()) target.append(module, list, entries);
  }

  /** Writes the block's deferred appends into its index values; call once, when every transaction has run. */
  applyAppends(raw: RawState): void {
    const appends = this.appends;
    this.appends = undefined;
    if (appends === undefined) return;
    for (const [module, lists] of appends) {
      const index = new IndexState(this, raw, module);
      for (const { list, entries } of lists.values()) list.apply(index, entries);
    }
  }

  /** Encodes the block's index entries into its raw writes, where the store commits them with the block. */
  encodeInto(writes: { put(key: string, value: Uint8Array | null): void }): void {
    for (const [key, value] of this.values) {
      if (value === null) {
        writes.put(key, null);
        continue;
      }
      const bytes = encodeCanonical(value);
      // Index values are built by module code from bounded inputs; an oversized one is a bug.
      if (bytes.length > nodeLimits.stateValueBytesMax) throw new Error(`derived index value ${key} is ${bytes.length} bytes, more than ${nodeLimits.stateValueBytesMax}`);
      writes.put(key, bytes);
    }
  }
}

/** The committed index under a block's buffers: decoded on read from the raw (cached) store. */
export function committedIndexValues(raw: RawState): IndexValues {
  return {
    getValue: (key) => {
      const bytes = raw.getRaw(key);
      return bytes === undefined ? undefined : decodeTrusted(bytes);
    },
  };
}

/** A module's view of its derived index during a transaction. `list` sees committed entries only. */
export class IndexState implements DerivedIndexWrite {
  private readonly prefix: string;

  constructor(
    private readonly buffer: IndexBuffer,
    private readonly raw: RawState,
    private readonly module: string,
  ) {
    this.prefix = `${derivedIndexNamespace(module)}/`;
  }

  append(list: DeferredList, entry: CborValue): void {
    this.buffer.append(this.module, list, [entry]);
  }

  get(key: string): CborValue | undefined {
    return this.buffer.getValue(this.prefix + key);
  }

  list(prefix: string, limit: number): { key: string; value: CborValue }[] {
    return this.raw
      .listRaw(this.prefix + prefix, Math.min(limit, nodeLimits.apiQueryResultsMax))
      .map((entry) => ({ key: entry.key.slice(this.prefix.length), value: decodeTrusted(entry.value) }));
  }

  set(key: string, value: CborValue): void {
    const fullKey = this.prefix + key;
    // A UTF-8 character takes at most three bytes, so short keys need no encoding to be checked.
    if (fullKey.length * 3 > nodeLimits.stateKeyBytesMax && utf8(fullKey).length > nodeLimits.stateKeyBytesMax) throw new Error(`derived index key ${fullKey} is longer than ${nodeLimits.stateKeyBytesMax} bytes`);
    this.buffer.put(fullKey, value);
  }

  delete(key: string): void {
    this.buffer.put(this.prefix + key, null);
  }
}
