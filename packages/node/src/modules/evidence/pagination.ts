import type { CborValue } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import type { StateRead, StateWrite } from "../../execution/interface.ts";
import { type PagedList, pagedListReader, readCounter } from "../../execution/pagedList.ts";
import { digits, pageLimit } from "./fields.ts";

/** Query parameters of every paged list: `start` (0-based position) and `limit`. */
export const pageParameters = {
  start: Type.Optional(digits("0-based position of the first entry (default 0)")),
  limit: Type.Optional(pageLimit("entries in the page")),
};

export interface Page<T> {
  readonly total: number;
  readonly start: number;
  readonly entries: T[];
  /** The `start` of the following page, or null after the last. */
  readonly next: number | null;
}

/** The page of positions start … start + limit − 1 of a list of `total` entries, each read by `entryAt`. */
export function pageOf<T>(total: number, parameters: { readonly start?: string; readonly limit?: string }, limitMax: number, entryAt: (position: number) => T): Page<T> {
  const start = Math.min(Number(parameters.start ?? "0"), total);
  const limit = Math.min(Number(parameters.limit ?? String(limitMax)), limitMax);
  const end = Math.min(start + limit, total);
  const entries: T[] = [];
  for (let position = start; position < end; position++) entries.push(entryAt(position));
  return { total, start, entries, next: end < total ? end : null };
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
  return pageOf(total, parameters, limitMax, (position) => {
    const entry = state.get(entryKey(position));
    if (entry === undefined) throw new Error(`evidence state is inconsistent: ${entryKey(position)} is missing below its counter ${total}`);
    return entry as unknown as T;
  });
}

/** Appends to a counted list and returns the new entry's position. */
export function appendEntry(state: StateWrite, countKey: string, entryKey: (position: number) => string, entry: CborValue): number {
  const position = readCounter(state, countKey);
  state.set(entryKey(position), entry);
  state.set(countKey, position + 1);
  return position;
}

/** One page of a paged list of the derived index, as readPage answers for a counted list. */
export function readPagedList<T>(index: StateRead, countKey: string, list: PagedList, parameters: { readonly start?: string; readonly limit?: string }, limitMax: number): Page<T> {
  return pageOf(readCounter(index, countKey), parameters, limitMax, pagedListReader<T>(index, list));
}
