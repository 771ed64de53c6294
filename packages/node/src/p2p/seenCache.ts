/** Remembers up to entriesMax keys; when full, the oldest key is forgotten first. */
export class SeenCache {
  readonly #keys = new Set<string>();

  constructor(private readonly entriesMax: number) {}

  /** Records the key; returns false when it was already present. */
  add(key: string): boolean {
    if (this.#keys.has(key)) return false;
    this.#keys.add(key);
    if (this.#keys.size > this.entriesMax) {
      const oldest = this.#keys.values().next();
      if (oldest.done !== true) this.#keys.delete(oldest.value);
    }
    return true;
  }

  get size(): number {
    return this.#keys.size;
  }
}
