/**
 * A map that forgets its least recently used entry once it would hold more than `entriesMax`.
 * Verification caches keyed by public keys use it, so a flood of distinct keys cannot grow memory.
 */
export class BoundedCache<Key, Value> {
  readonly entriesMax: number;
  readonly #entries = new Map<Key, Value>();

  constructor(entriesMax: number) {
    if (!Number.isSafeInteger(entriesMax) || entriesMax < 1) throw new RangeError("entriesMax must be a positive integer");
    this.entriesMax = entriesMax;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: Key): Value | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) return undefined;
    // A Map iterates in insertion order, so re-inserting marks the entry as the most recently used.
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  /** The entry that would be evicted next, without marking it as used. */
  leastRecentlyUsed(): Value | undefined {
    const oldest = this.#entries.values().next();
    return oldest.done === true ? undefined : oldest.value;
  }

  set(key: Key, value: Value): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.entriesMax) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
  }

  clear(): void {
    this.#entries.clear();
  }
}
