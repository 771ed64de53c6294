import type { CborValue } from "@kexin/core";

/** An event a contract emitted, kept with the writes of the call that emitted it. */
export interface ContractEvent {
  readonly contract: string;
  readonly type: string;
  readonly data: CborValue;
}

/** Where a journal's writes and events go when it is kept. */
export interface JournalTarget {
  get(key: string): CborValue | undefined;
  list(prefix: string, limit: number): { key: string; value: CborValue }[];
  set(key: string, value: CborValue): void;
  delete(key: string): void;
  emit(event: ContractEvent): void;
}

/**
 * The writes and events of one contract call, over its caller's. A call that succeeds is kept
 * into its caller's journal; one that fails is dropped, so only its own writes are reverted.
 */
export class StateJournal implements JournalTarget {
  private readonly writes = new Map<string, CborValue | null>();
  private readonly events: ContractEvent[] = [];

  constructor(private readonly parent: JournalTarget) {}

  get(key: string): CborValue | undefined {
    const written = this.writes.get(key);
    if (written !== undefined) return written ?? undefined;
    return this.parent.get(key);
  }

  list(prefix: string, limit: number): { key: string; value: CborValue }[] {
    const own = [...this.writes.entries()].filter(([key]) => key.startsWith(prefix));
    const merged = new Map<string, CborValue | null>();
    for (const entry of this.parent.list(prefix, limit + own.length)) merged.set(entry.key, entry.value);
    for (const [key, value] of own) merged.set(key, value);
    const entries: { key: string; value: CborValue }[] = [];
    for (const key of [...merged.keys()].sort()) {
      const value = merged.get(key);
      if (value !== null && value !== undefined) entries.push({ key, value });
      if (entries.length >= limit) break;
    }
    return entries;
  }

  set(key: string, value: CborValue): void {
    this.writes.set(key, value);
  }

  delete(key: string): void {
    this.writes.set(key, null);
  }

  emit(event: ContractEvent): void {
    this.events.push(event);
  }

  /** Applies the writes in key order, then the events in the order they were emitted. */
  keepInto(target: JournalTarget = this.parent): void {
    for (const key of [...this.writes.keys()].sort()) {
      const value = this.writes.get(key);
      if (value === null || value === undefined) target.delete(key);
      else target.set(key, value);
    }
    for (const event of this.events) target.emit(event);
  }
}
