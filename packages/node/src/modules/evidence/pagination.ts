import type { CborValue } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import type { StateRead, StateWrite } from "../../execution/interface.ts";
import { digits } from "./fields.ts";
import { readCounter } from "./records.ts";

/** Query parameters of every paged list: `start` (0-based position) and `limit`. */
export const pageParameters = {
  start: Type.Optional(digits("0-based position of the first entry (default 0)")),
  limit: Type.Optional(Type.String({ pattern: "^[1-9][0-9]{0,3}$", description: "entries in the page" })),
};

export interface Page<T> {
  readonly total: number;
  readonly start: number;
  readonly entries: T[];
  /** The `start` of the following page, or null after the last. */
  readonly next: number | null;
}

/**
 * One page of a counted list: entries 0 … total − 1 stored under `entryKey(position)`. Reads
 * single keys, so a page costs `limit` reads whatever the list's length.
 */
export function readPage<T>(
  state: StateRead,
  countKey: string,
  entryKey: (position: number) => string,
  parameters: { readonly start?: string; readonly limit?: string },
  limitMax: number,
): Page<T> {
  const total = readCounter(state, countKey);
  const start = Math.min(Number(parameters.start ?? "0"), total);
  const limit = Math.min(Number(parameters.limit ?? String(limitMax)), limitMax);
  const end = Math.min(start + limit, total);
  const entries: T[] = [];
  for (let position = start; position < end; position++) {
    const entry = state.get(entryKey(position));
    if (entry === undefined) throw new Error(`evidence state is inconsistent: ${entryKey(position)} is missing below its counter ${total}`);
    entries.push(entry as unknown as T);
  }
  return { total, start, entries, next: end < total ? end : null };
}

/** Appends to a counted list and returns the new entry's position. */
export function appendEntry(state: StateWrite, countKey: string, entryKey: (position: number) => string, entry: CborValue): number {
  const position = readCounter(state, countKey);
  state.set(entryKey(position), entry);
  state.set(countKey, position + 1);
  return position;
}
