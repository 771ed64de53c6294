import type { CborValue, PointsHistoryKind } from "@kexin/core";
import { pointsListLimitMax } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import { integerParameter } from "../../execution/integerParameter.ts";
import type { DeferredList, StateRead, TxContext } from "../../execution/interface.ts";
import { type Page, type PagedList, countedPagedList, listPageEntries, pagedListReader, readCounter, readPagedList } from "../../execution/pagedList.ts";

/*
 * The points lists people page through, kept in the module's derived index in the order their
 * entries were committed. Queries read them by position; nothing read from them ever decides a
 * transaction's result.
 */

/** The `start` and `limit` parameters of every list query. */
export const pageParameters = {
  start: Type.Optional(integerParameter({ maximum: Number.MAX_SAFE_INTEGER }, "0-based position of the page's first entry (default 0)")),
  limit: Type.Optional(integerParameter({ minimum: 1, maximum: pointsListLimitMax }, `entries in the page (at most ${pointsListLimitMax})`)),
};

export interface NamedList {
  readonly countKey: string;
  readonly list: PagedList;
  /** How transactions append to it at the end of the block. */
  readonly appends: DeferredList;
}

/**
 * Pages of the lists a block appends to for many members or on every exchange: a block rewrites
 * the last page of each list it appends to, so the page a member's single entry lands in stays small.
 */
const smallPageEntries = 16;

/** Lists built so far, by name: an exchange appends to five, and building one is a few closures and strings. */
const builtLists = new Map<string, NamedList>();
const builtListsMax = 4_096;

function named(name: string, pageEntries = listPageEntries, keep: "every" | "lastOfBlock" = "every"): NamedList {
  const built = builtLists.get(name);
  if (built !== undefined) return built;
  const countKey = `${name}/count`;
  const list: PagedList = { pageEntries, pageKey: (page) => `${name}/page/${page}` };
  const counted = countedPagedList(countKey, list);
  const appends: DeferredList = keep === "every" ? counted : { id: countKey, apply: (index, entries) => counted.apply(index, entries.slice(-1)) };
  const made = { countKey, list, appends };
  if (builtLists.size >= builtListsMax) builtLists.clear();
  builtLists.set(name, made);
  return made;
}

/** A history entry as the lists keep it. */
export type StoredHistoryEntry = readonly [height: number, time: number, tx: string, kind: PointsHistoryKind, program: string, account: string | null, amount: number, reference: string | null];

/**
 * A change of a pair's obligation as its list keeps it: what `from` owes `to` in total after it.
 * A period's close appends the total unchanged with the period's number, marking where the
 * period ends in the list.
 */
export type StoredObligation = StoredObligationChange | readonly [...StoredObligationChange, closedPeriod: number];
export type StoredObligationChange = readonly [height: number, tx: string, fen: number, exchanges: number, redemptions: number, pointsGiven: number, pointsReceived: number];

export const pointsLists = {
  /** Program ids, in the order registered. */
  programs: (): NamedList => named("programs"),
  /** Program ids a member ever held, in the order first received. */
  memberPrograms: (member: string): NamedList => named(`member_programs/${member}`),
  memberHistory: (member: string): NamedList => named(`member_history/${member}`, smallPageEntries),
  programHistory: (program: string): NamedList => named(`program_history/${program}`, smallPageEntries),
  /** Agreement ids, in the order proposed. */
  agreements: (): NamedList => named("agreements"),
  /** Reward ids, in the order published. */
  rewards: (): NamedList => named("rewards"),
  /** Redemptions (transaction hashes) by a member, and of a program's rewards, in the order redeemed. */
  memberRedemptions: (member: string): NamedList => named(`member_redemptions/${member}`, smallPageEntries),
  programRedemptions: (program: string): NamedList => named(`program_redemptions/${program}`, smallPageEntries),
  /** The running obligation of `from` to `to` after each exchange, redemption and refund between them. */
  obligations: (from: string, to: string): NamedList => named(`obligations/${from}/${to}`, smallPageEntries),
  /**
   * A program's totals after each block that changed them: [height, time, issued, burnt, expired,
   * exchangedIn, exchangedOut, redeemed]. A read at a height wants the last change at or below
   * it, so of a block's changes only the last is kept.
   */
  totals: (program: string): NamedList => named(`totals/${program}`, smallPageEntries, "lastOfBlock"),
};

/** Appends at the end of the block; a failed transaction's appends are dropped with it. */
export function appendToList(context: TxContext, list: NamedList, entry: CborValue): void {
  context.index.append(list.appends, entry);
}

export function readListPage<T>(index: StateRead, list: NamedList, parameters: { readonly start?: string; readonly limit?: string }): Page<T> {
  return readPagedList<T>(index, list.countKey, list.list, parameters, pointsListLimitMax);
}

/** Records a change of a member's points in the member's history and in the program's. */
export function recordHistory(context: TxContext, member: string, kind: PointsHistoryKind, program: string, other: string | null, amount: number, reference: string | null = null): void {
  const { height, time } = context.block;
  appendToList(context, pointsLists.memberHistory(member), [height, time, context.tx.hash, kind, program, other, amount, reference]);
  appendToList(context, pointsLists.programHistory(program), [height, time, context.tx.hash, kind, program, member, amount, reference]);
}

/** A list whose entries start with the height they were appended at: its reader, its length, and how many entries were appended at or below a height (by bisection). */
export function heightList<T extends readonly [number, ...unknown[]]>(index: StateRead, list: NamedList) {
  const entryAt = pagedListReader<T>(index, list.list);
  const count = readCounter(index, list.countKey);
  return {
    entryAt,
    count,
    countThrough(height: number): number {
      let low = 0;
      let high = count;
      while (low < high) {
        const middle = Math.floor((low + high) / 2);
        if (entryAt(middle)[0] <= height) low = middle + 1;
        else high = middle;
      }
      return low;
    },
  };
}
