import type { CborValue } from "@kexin/core";
import type { DeferredList, StateRead, StateWrite } from "./interface.ts";

/** A counter kept under one key, 0 when the key is absent. */
export function readCounter(state: StateRead, key: string): number {
  return (state.get(key) as number | undefined) ?? 0;
}

/**
 * A list of the derived index kept in pages of `pageEntries`: entry `position` is element
 * `position mod pageEntries` of page `position div pageEntries`. Writing copies the page, so pages
 * are kept small; a block rewrites a list's last page once, however many entries it adds.
 */
export interface PagedList {
  readonly pageEntries: number;
  readonly pageKey: (page: number) => string;
}

/** Entries in a page of a list of sequences or ids. */
export const listPageEntries = 128;

/** Writes `entries` from `position` on, which must be the list's length; each page touched is read and written once. */
function writeFrom(index: StateWrite, list: PagedList, position: number, entries: readonly CborValue[]): void {
  let written = 0;
  while (written < entries.length) {
    const page = Math.floor((position + written) / list.pageEntries);
    const offset = (position + written) % list.pageEntries;
    const current = offset === 0 ? [] : (index.get(list.pageKey(page)) as readonly CborValue[] | undefined);
    if (current?.length !== offset) throw new Error(`the derived index is inconsistent: ${list.pageKey(page)} does not end just before position ${position + written}`);
    const taken = entries.slice(written, written + list.pageEntries - offset);
    // A new array, never the stored one changed: the index keeps values it was given as they were.
    index.set(list.pageKey(page), [...current, ...taken]);
    written += taken.length;
  }
}

/** A paged list whose length is kept under `countKey` in the index; transactions append to it through the index's deferred appends. */
export function countedPagedList(countKey: string, list: PagedList): DeferredList {
  return {
    id: countKey,
    apply: (index, entries) => {
      const position = readCounter(index, countKey);
      writeFrom(index, list, position, entries);
      index.set(countKey, position + entries.length);
    },
  };
}

/**
 * A paged list whose positions are kept elsewhere (for example sequences counted in state):
 * each deferred entry is a [position, entry] pair, and a block's positions must follow the list's
 * end without a gap.
 */
export function positionedPagedList(id: string, list: PagedList): DeferredList {
  return {
    id,
    apply: (index, pairs) => {
      const positions = pairs.map((pair) => (pair as readonly [number, CborValue])[0]);
      const first = positions[0] as number;
      if (positions.some((position, offset) => position !== first + offset)) throw new Error(`the derived index is inconsistent: ${id} got positions ${first}… out of sequence`);
      writeFrom(
        index,
        list,
        first,
        pairs.map((pair) => (pair as readonly [number, CborValue])[1]),
      );
    },
  };
}

/** Reads a paged list's entries by position, reading each page once while positions stay in it. */
export function pagedListReader<T>(index: StateRead, list: PagedList): (position: number) => T {
  let cachedPage = -1;
  let cachedEntries: readonly T[] = [];
  return (position) => {
    const page = Math.floor(position / list.pageEntries);
    if (page !== cachedPage) {
      const entries = index.get(list.pageKey(page));
      if (!Array.isArray(entries)) throw new Error(`the derived index is inconsistent: ${list.pageKey(page)} is missing`);
      cachedPage = page;
      cachedEntries = entries as unknown as readonly T[];
    }
    const entry = cachedEntries[position % list.pageEntries];
    if (entry === undefined) throw new Error(`the derived index is inconsistent: ${list.pageKey(page)} has no entry ${position % list.pageEntries}`);
    return entry;
  };
}

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

/** One page of a paged list of the derived index whose length is kept under `countKey`. */
export function readPagedList<T>(index: StateRead, countKey: string, list: PagedList, parameters: { readonly start?: string; readonly limit?: string }, limitMax: number): Page<T> {
  return pageOf(readCounter(index, countKey), parameters, limitMax, pagedListReader<T>(index, list));
}
