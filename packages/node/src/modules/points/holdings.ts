import { type CborValue, type ProgramRecord, pointsDayOf, pointsError } from "@kexin/core";
import type { StateRead, TxContext } from "../../execution/interface.ts";
import { safeSum } from "./amounts.ts";
import { pointsKeys } from "./keys.ts";
import { lotsPerCostUnit } from "./limits.ts";
import { appendToList, pointsLists } from "./lists.ts";
import { type Lot, liveBalance, takeOldest, withLots } from "./lots.ts";
import { type Totals, changeExpiring, readTotals, sweptTotals, writeTotals } from "./totals.ts";

/*
 * The platform's ledger operations. Every change of a member's points goes through these, so
 * that the expiry schedule and the program's totals move with the lots.
 */

export function readLots(state: StateRead, program: string, member: string): readonly Lot[] | undefined {
  return state.get(pointsKeys.holding(program, member)) as readonly Lot[] | undefined;
}

/** The day (UTC+8) of the transaction's block. */
export function today(context: TxContext): number {
  return pointsDayOf(context.block.time);
}

function writeLots(context: TxContext, program: string, member: string, lots: readonly Lot[]): void {
  context.charge(Math.floor(lots.length / lotsPerCostUnit));
  context.state.set(pointsKeys.holding(program, member), lots as unknown as CborValue);
}

/** Takes the member's oldest live points; POINTS_INSUFFICIENT_BALANCE when it holds fewer than `amount`. */
export function takePoints(context: TxContext, program: string, member: string, amount: number): Lot[] {
  const lots = readLots(context.state, program, member) ?? [];
  const day = today(context);
  const balance = liveBalance(lots, day);
  if (balance < amount) {
    throw pointsError("POINTS_INSUFFICIENT_BALANCE", `balance of ${balance} "${program}" points is less than ${amount}`, { program, balance, amount });
  }
  const { left, taken } = takeOldest(lots, amount, day);
  context.charge(Math.floor(lots.length / lotsPerCostUnit));
  context.state.set(pointsKeys.holding(program, member), left as unknown as CborValue);
  return taken;
}

/** Adds lots to a member's holding; a member's first points of a program list the program among its holdings. */
export function givePoints(context: TxContext, program: string, member: string, lots: readonly Lot[]): void {
  const held = readLots(context.state, program, member);
  if (held === undefined) appendToList(context, pointsLists.memberPrograms(member), program);
  writeLots(context, program, member, withLots(held ?? [], lots, today(context)));
}

/** The lot that points issued in this block form under the program's policy. */
export function issuedLot(program: ProgramRecord, day: number, amount: number): Lot {
  return [program.expiry.kind === "days" ? day + program.expiry.days + 1 : null, amount];
}

function changeSchedule(context: TxContext, program: string, lots: readonly Lot[], sign: 1 | -1): void {
  for (const [expiresOn, amount] of lots) if (expiresOn !== null) changeExpiring(context.state, program, expiresOn, sign * amount);
}

/** The program's totals with the days that have come swept; the caller writes them back changed. */
function currentTotals(context: TxContext, program: string): Totals {
  return sweptTotals(context.state, program, readTotals(context.state, program), today(context));
}

/** New points: a lot to `to`, counted as issued; the program's whole issue must stay within 2^53 − 1 fen of liability. */
export function issuePoints(context: TxContext, program: ProgramRecord, to: string, amount: number, byExchange: boolean): void {
  const totals = currentTotals(context, program.id);
  const issued = safeSum(totals.issued, amount, `the points "${program.id}" ever issued`);
  if (!Number.isSafeInteger(issued * program.faceValueFen)) {
    throw pointsError("POINTS_AMOUNT_TOO_LARGE", `"${program.id}" would have issued points worth more than ${Number.MAX_SAFE_INTEGER} fen`, { program: program.id });
  }
  const lot = issuedLot(program, today(context), amount);
  givePoints(context, program.id, to, [lot]);
  changeSchedule(context, program.id, [lot], 1);
  writeTotals(context, program.id, { ...totals, issued, exchangedIn: totals.exchangedIn + (byExchange ? amount : 0) });
}

/** Why points are burnt: given up, exchanged for another program's, or spent on a reward. */
export type BurnReason = "burn" | "exchange" | "redemption";

/** Points given up: taken from `from`'s oldest lots and counted as burnt; the lots taken, for a refund to restore. */
export function burnPoints(context: TxContext, program: string, from: string, amount: number, reason: BurnReason): Lot[] {
  const totals = currentTotals(context, program);
  const taken = takePoints(context, program, from, amount);
  changeSchedule(context, program, taken, -1);
  writeTotals(context, program, {
    ...totals,
    burnt: totals.burnt + amount,
    exchangedOut: totals.exchangedOut + (reason === "exchange" ? amount : 0),
    redeemed: totals.redeemed + (reason === "redemption" ? amount : 0),
  });
  return taken;
}

/**
 * Reverses a redemption's burn exactly: the lots taken go back with their expiry. A lot whose day
 * has come meanwhile is expired at once, in the bucket when the day is not swept yet and straight
 * into the totals when it is.
 */
export function restoreRedeemedPoints(context: TxContext, program: string, to: string, lots: readonly Lot[]): void {
  const totals = currentTotals(context, program);
  let amount = 0;
  let expiredSwept = 0;
  for (const lot of lots) {
    amount += lot[1];
    if (lot[0] === null) continue;
    if (lot[0] > totals.sweptThrough) changeExpiring(context.state, program, lot[0], lot[1]);
    else expiredSwept += lot[1];
  }
  givePoints(context, program, to, lots);
  writeTotals(context, program, { ...totals, burnt: totals.burnt - amount, redeemed: totals.redeemed - amount, expired: totals.expired + expiredSwept });
}

/** Points moved between members keep their expiry, so the schedule and the totals do not change. */
export function movePoints(context: TxContext, program: string, from: string, to: string, amount: number): void {
  givePoints(context, program, to, takePoints(context, program, from, amount));
}
