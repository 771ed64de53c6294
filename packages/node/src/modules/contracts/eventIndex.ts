import { type CborValue, type ContractEventEntry, type ContractEventsAnswer, cborToJson, toHex, utf8 } from "@kexin/core";
import type { DeferredList, StateRead, TxContext } from "../../execution/interface.ts";
import { type PagedList, countedPagedList, listPageEntries, pagedListReader, readCounter } from "../../execution/pagedList.ts";
import type { ContractEvent } from "./journal.ts";

/*
 * Each contract's events, in the module's derived index: the events of every successful
 * transaction, in block and emission order, one entry per key (an event's data may be kilobytes,
 * too much to copy with a page), and beside them, per event type, the positions of that type's
 * events. A failed transaction emitted nothing, and its appends are dropped with it. Derived from
 * the executed transactions, the index stays out of the app hash and `kexin index rebuild`
 * rebuilds it; nothing read from it decides a result.
 */

const eventCountKey = (contract: string): string => `events/${contract}/count`;
const eventKey = (contract: string, position: number): string => `events/${contract}/e/${position}`;
// Hex keeps a type's own characters (a "/" among them) from reading as a key's separators.
const typeKeyPrefix = (contract: string, type: string): string => `events/${contract}/type/${toHex(utf8(type))}`;
const typeCountKey = (contract: string, type: string): string => `${typeKeyPrefix(contract, type)}/count`;

function typePositions(contract: string, type: string): PagedList {
  const prefix = typeKeyPrefix(contract, type);
  return { pageEntries: listPageEntries, pageKey: (page) => `${prefix}/page/${page}` };
}

/** An event as its key stores it, the fields in a fixed order. */
type StoredEvent = readonly [txHash: string, height: number, type: string, data: CborValue];

/** The contract's event list: the block's events get the positions after the committed ones, and each type's list those positions. */
function eventList(contract: string): DeferredList {
  return {
    id: eventCountKey(contract),
    apply: (index, entries) => {
      const first = readCounter(index, eventCountKey(contract));
      // A Map keeps the order of first appearance, so every node writes the type lists alike.
      const positionsByType = new Map<string, number[]>();
      entries.forEach((entry, offset) => {
        const type = (entry as unknown as StoredEvent)[2];
        index.set(eventKey(contract, first + offset), entry);
        const positions = positionsByType.get(type);
        if (positions === undefined) positionsByType.set(type, [first + offset]);
        else positions.push(first + offset);
      });
      for (const [type, positions] of positionsByType) countedPagedList(typeCountKey(contract, type), typePositions(contract, type)).apply(index, positions);
      index.set(eventCountKey(contract), first + entries.length);
    },
  };
}

/** Each contract's deferred event list, made once: every event of every block appends to it. */
const eventListsByContract = new Map<string, DeferredList>();
const eventListsCachedMax = 1_024;

/** Lists an event a transaction's contract call kept, at the end of the block. */
export function recordEvent(context: TxContext, event: ContractEvent): void {
  const entry: StoredEvent = [context.tx.hash, context.block.height, event.type, event.data];
  let list = eventListsByContract.get(event.contract);
  if (list === undefined) {
    if (eventListsByContract.size >= eventListsCachedMax) eventListsByContract.clear();
    list = eventList(event.contract);
    eventListsByContract.set(event.contract, list);
  }
  context.index.append(list, entry as unknown as CborValue);
}

export interface EventsQuery {
  readonly contract: string;
  readonly type?: string;
  readonly fromHeight?: number;
  readonly toHeight?: number;
  readonly start?: number;
  readonly limit: number;
}

/** The listing a query walks: all of the contract's events, or one type's, by position. */
function listing(index: StateRead, contract: string, type: string | undefined): { total: number; eventAt: (position: number) => StoredEvent } {
  const stored = (position: number): StoredEvent => {
    const entry = index.get(eventKey(contract, position));
    if (!Array.isArray(entry)) throw new Error(`the derived index is inconsistent: ${eventKey(contract, position)} is missing`);
    return entry as unknown as StoredEvent;
  };
  if (type === undefined) return { total: readCounter(index, eventCountKey(contract)), eventAt: stored };
  const positionAt = pagedListReader<number>(index, typePositions(contract, type));
  return { total: readCounter(index, typeCountKey(contract, type)), eventAt: (position) => stored(positionAt(position)) };
}

/** The first position whose event is at `height` or later (positions are in height order): a binary search, a few reads however long the list. */
function firstAtOrAfter(total: number, heightAt: (position: number) => number, height: number): number {
  let low = 0;
  let high = total;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (heightAt(middle) < height) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The contract's events (of `type`, when given) from position `start` and height `fromHeight`
 * on, oldest first, up to `limit` and no later than `toHeight`; `next` continues the listing.
 */
export function readEvents(index: StateRead, query: EventsQuery): ContractEventsAnswer {
  const { total, eventAt } = listing(index, query.contract, query.type);
  const from = query.fromHeight === undefined ? 0 : firstAtOrAfter(total, (position) => eventAt(position)[1], query.fromHeight);
  const events: ContractEventEntry[] = [];
  let position = Math.max(from, query.start ?? 0);
  for (; position < total && events.length < query.limit; position++) {
    const [txHash, height, type, data] = eventAt(position);
    if (query.toHeight !== undefined && height > query.toHeight) return { total, events };
    events.push({ position, height, txHash, type, data: cborToJson(data) });
  }
  const more = position < total && (query.toHeight === undefined || eventAt(position)[1] <= query.toHeight);
  return more ? { total, events, next: position } : { total, events };
}
