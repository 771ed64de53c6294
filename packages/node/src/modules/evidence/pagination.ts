import type { CborValue } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import type { StateRead, StateWrite } from "../../execution/interface.ts";
import { type Page, pageOf, readCounter } from "../../execution/pagedList.ts";
import { digits, pageLimit } from "./fields.ts";

export { type Page, pageOf, readPagedList } from "../../execution/pagedList.ts";

/** Query parameters of every paged list: `start` (0-based position) and `limit`. */
export const pageParameters = {
  start: Type.Optional(digits("0-based position of the first entry (default 0)")),
  limit: Type.Optional(pageLimit("entries in the page")),
};

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
