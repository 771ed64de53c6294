import { pointsDayOf } from "@kexin/core";
import type { StateRead, StateWrite, TxContext } from "../../execution/interface.ts";
import { pointsKeys } from "./keys.ts";
import { expiryQueryDaysMax, expirySweepDaysPerTxMax } from "./limits.ts";
import { appendToList, pointsLists } from "./lists.ts";

/**
 * A program's counters. Points leave a program only by being burnt (exchanges out included) or
 * by expiring, so issued = outstanding + burnt + expired. Expiry is counted through the
 * `expiring/<program>/<day>` schedule: what lots expiring that day still hold. Once the day has
 * come the bucket is final, and a transaction of the program folds it into `expired` (the sweep).
 */
export interface Totals {
  readonly issued: number;
  readonly burnt: number;
  readonly expired: number;
  /** Buckets of this day and before are folded into `expired`. */
  readonly sweptThrough: number;
  readonly exchangedIn: number;
  readonly exchangedOut: number;
  /** Of `burnt`, the points spent on rewards (less those refunded). */
  readonly redeemed: number;
}

export function emptyTotals(today: number): Totals {
  return { issued: 0, burnt: 0, expired: 0, sweptThrough: today, exchangedIn: 0, exchangedOut: 0, redeemed: 0 };
}

/** Totals as state keeps them: an array of the fields in this order, cheaper to decode and encode than a map. */
type StateTotals = readonly [issued: number, burnt: number, expired: number, sweptThrough: number, exchangedIn: number, exchangedOut: number, redeemed: number];

export function readTotals(state: StateRead, program: string): Totals {
  const stored = state.get(pointsKeys.totals(program)) as StateTotals | undefined;
  if (stored === undefined) throw new Error(`points state is inconsistent: program ${program} has no totals`);
  const [issued, burnt, expired, sweptThrough, exchangedIn, exchangedOut, redeemed] = stored;
  return { issued, burnt, expired, sweptThrough, exchangedIn, exchangedOut, redeemed };
}

/** A program's totals as a block's last transaction that changed them left them, with its expiry judged at the block's time: the derived index keeps one per block, for reads at a past height. */
export type StoredTotals = readonly [height: number, time: number, issued: number, burnt: number, expired: number, exchangedIn: number, exchangedOut: number, redeemed: number];

export function writeTotals(context: TxContext, program: string, totals: Totals): void {
  const stored: StateTotals = [totals.issued, totals.burnt, totals.expired, totals.sweptThrough, totals.exchangedIn, totals.exchangedOut, totals.redeemed];
  context.state.set(pointsKeys.totals(program), [...stored]);
  const { height, time } = context.block;
  const expired = expiredBy(context.state, program, totals, pointsDayOf(time));
  const entry: StoredTotals = [height, time, totals.issued, totals.burnt, expired, totals.exchangedIn, totals.exchangedOut, totals.redeemed];
  appendToList(context, pointsLists.totals(program), [...entry]);
}

export function readExpiring(state: StateRead, program: string, day: number): number {
  return (state.get(pointsKeys.expiring(program, day)) as number | undefined) ?? 0;
}

/** Adds `delta` (negative when lots leave before expiring) to the bucket of `day`. */
export function changeExpiring(state: StateWrite, program: string, day: number, delta: number): void {
  const amount = readExpiring(state, program, day) + delta;
  if (amount < 0) throw new Error(`points state is inconsistent: the expiry bucket ${program}/${day} would hold ${amount}`);
  if (amount === 0) state.delete(pointsKeys.expiring(program, day));
  else state.set(pointsKeys.expiring(program, day), amount);
}

/** Folds the buckets of days that have come (up to a bound per transaction) into `expired`. */
export function sweptTotals(state: StateWrite, program: string, totals: Totals, today: number): Totals {
  const through = Math.min(today, totals.sweptThrough + expirySweepDaysPerTxMax);
  let expired = totals.expired;
  for (let day = totals.sweptThrough + 1; day <= through; day++) {
    const amount = readExpiring(state, program, day);
    if (amount === 0) continue;
    expired += amount;
    state.delete(pointsKeys.expiring(program, day));
  }
  return through > totals.sweptThrough ? { ...totals, expired, sweptThrough: through } : totals;
}

/** The points expired by the start of `today`: those swept plus the buckets of the days since. */
export function expiredBy(state: StateRead, program: string, totals: Totals, today: number): number {
  let expired = totals.expired;
  const through = Math.min(today, totals.sweptThrough + expiryQueryDaysMax);
  for (let day = totals.sweptThrough + 1; day <= through; day++) expired += readExpiring(state, program, day);
  return expired;
}
