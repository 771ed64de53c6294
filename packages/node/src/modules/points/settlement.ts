import {
  type CborValue,
  type SettlementLine,
  type SettlementPayment,
  type SettlementPeriod,
  closePeriodPayloadSchema,
  confirmSettlementPayloadSchema,
  pointsError,
  settlementPairsMax,
} from "@kexin/core";
import { type ReadContext, type StateRead, type TxContext, defineTxType } from "../../execution/interface.ts";
import { safeSum } from "./amounts.ts";
import { recordClock } from "./clock.ts";
import { pointsKeys } from "./keys.ts";
import { settlementPairsPerCostUnit } from "./limits.ts";
import { type StoredObligationChange, appendToList, pointsLists } from "./lists.ts";
import { compareIds, netPositions, nettedPayments } from "./netting.ts";
import { type Owed, type StateOwed, owedFromState } from "./obligations.ts";
import { requireMerchantAdmin, requireProgram } from "./programs.ts";

/*
 * Settlement periods. A period is closed by a transaction, not by a height schedule: merchants
 * settle when their contracts say (daily, monthly, at a partner's request), any organisation's
 * admin may draw the line, and the close is an ordinary signed, receipted transaction. What it
 * nets is exactly what was owed before it in the chain's order: every pair's obligation as state
 * holds it when the close runs, less what the previous close recorded. Obligations keep growing
 * untouched; settlement only reads them, so exchanges and redemptions write what they always did.
 */

/** A pair's obligation at the newest close: [from, to, fen, exchanges, redemptions]. */
type Mark = readonly [from: string, to: string, fen: number, exchanges: number, redemptions: number];

interface Pair {
  readonly from: string;
  readonly to: string;
  readonly owed: Owed;
}

export function readPeriod(state: StateRead, number: number): SettlementPeriod | undefined {
  return state.get(pointsKeys.period(number)) as SettlementPeriod | undefined;
}

export function requirePeriod(state: StateRead, number: number): SettlementPeriod {
  const period = readPeriod(state, number);
  if (period === undefined) throw pointsError("POINTS_PERIOD_NOT_FOUND", `no settlement period ${number} has been closed`, { period: number });
  return period;
}

/** [the newest period's number, the height of its close]; [0, 0] before the first. */
export function readLastPeriod(state: StateRead): readonly [number: number, height: number] {
  return (state.get(pointsKeys.settlementLast) as readonly [number, number] | undefined) ?? [0, 0];
}

/** Every pair with an obligation, sorted by `from` then `to`; POINTS_SETTLEMENT_TOO_LARGE beyond the bound one close may read. */
function obligationPairs(state: StateRead): Pair[] {
  const entries = state.list(pointsKeys.owedPrefix, settlementPairsMax + 1);
  if (entries.length > settlementPairsMax) throw pointsError("POINTS_SETTLEMENT_TOO_LARGE", `more than ${settlementPairsMax} program pairs owe each other; one period nets at most ${settlementPairsMax}`, { pairsMax: settlementPairsMax });
  const pairs = entries.map(({ key, value }): Pair => {
    const [, from, to] = key.split("/") as [string, string, string];
    return { from, to, owed: owedFromState(value as unknown as StateOwed) };
  });
  return pairs.sort((left, right) => compareIds(left.from, right.from) || compareIds(left.to, right.to));
}

/** What changed for each pair since the marks, as lines between the pairs' merchants; pairs without a change are left out. */
function periodLines(state: StateRead, pairs: readonly Pair[], marks: readonly Mark[]): SettlementLine[] {
  const marked = new Map(marks.map((mark) => [`${mark[0]}/${mark[1]}`, mark]));
  const lines: SettlementLine[] = [];
  for (const { from, to, owed } of pairs) {
    const [, , fen, exchanges, redemptions] = marked.get(`${from}/${to}`) ?? [from, to, 0, 0, 0];
    const line = { fen: owed.fen - fen, exchanges: owed.exchanges - exchanges, redemptions: owed.redemptions - redemptions };
    if (line.fen === 0 && line.exchanges === 0 && line.redemptions === 0) continue;
    lines.push({ from, to, fromMerchant: requireProgram(state, from).merchant, toMerchant: requireProgram(state, to).merchant, ...line });
  }
  return lines;
}

/** Marks where the period ends in each pair's list of changes: the total, unchanged, with the period's number. */
function markPeriodEnd(context: TxContext, pairs: readonly Pair[], number: number): void {
  for (const { from, to, owed } of pairs) {
    const entry: readonly [...StoredObligationChange, number] = [context.block.height, context.tx.hash, owed.fen, owed.exchanges, owed.redemptions, owed.pointsGiven, owed.pointsReceived, number];
    appendToList(context, pointsLists.obligations(from, to), [...entry]);
  }
}

export const closePeriod = defineTxType({
  description: "Any organisation's admin closes the current settlement period: what programs came to owe each other since the previous close is netted across merchants into payments.",
  schema: closePeriodPayloadSchema,
  costUnits: 30,
  authorise: (context) => {
    requireMerchantAdmin(context, "close a settlement period");
  },
  execute: (context) => {
    requireMerchantAdmin(context, "close a settlement period");
    const [previous, fromHeight] = readLastPeriod(context.state);
    const pairs = obligationPairs(context.state);
    context.charge(Math.floor(pairs.length / settlementPairsPerCostUnit));
    const lines = periodLines(context.state, pairs, (context.state.get(pointsKeys.settlementMarks) as readonly Mark[] | undefined) ?? []);
    if (lines.length === 0) throw pointsError("POINTS_PERIOD_EMPTY", previous === 0 ? "no program owes another anything yet" : `nothing owed between programs has changed since period ${previous} closed at height ${fromHeight}`, { period: previous });
    recordClock(context);
    const number = previous + 1;
    const positions = netPositions(lines);
    const payments = nettedPayments(positions).map((payment): SettlementPayment => ({ ...payment, paid: null, received: null }));
    const period: SettlementPeriod = {
      number,
      fromHeight,
      toHeight: context.block.height,
      closedBy: context.caller.address,
      lines,
      positions,
      payments,
      unsettled: payments.length,
      status: payments.length === 0 ? "settled" : "open",
      settledAt: payments.length === 0 ? context.block.height : null,
    };
    context.state.set(pointsKeys.period(number), period as unknown as CborValue);
    context.state.set(pointsKeys.settlementLast, [number, context.block.height]);
    context.state.set(pointsKeys.settlementMarks, pairs.map(({ from, to, owed }): CborValue => [from, to, owed.fen, owed.exchanges, owed.redemptions]));
    markPeriodEnd(context, pairs, number);
    const paymentsFen = payments.reduce((sum, payment) => safeSum(sum, payment.fen, `the payments of period ${number}`), 0);
    context.emit("period_closed", { period: number, fromHeight, toHeight: context.block.height, lines: lines.length, payments: payments.length, paymentsFen });
  },
});

/** The period and payment a confirmation is for, checked to come from the side's merchant and to be its first. */
function requireConfirmable(context: ReadContext, number: number, index: number, side: "paid" | "received"): { readonly period: SettlementPeriod; readonly payment: SettlementPayment } {
  const organisation = requireMerchantAdmin(context, "confirm a settlement payment");
  const period = requirePeriod(context.state, number);
  const payment = period.payments[index];
  if (payment === undefined) throw pointsError("POINTS_PAYMENT_NOT_FOUND", `settlement period ${number} has ${period.payments.length} payments; there is no payment ${index}`, { period: number, payment: index });
  const merchant = side === "paid" ? payment.payer : payment.payee;
  if (organisation !== merchant) {
    throw pointsError("POINTS_STATEMENT_WRONG_MERCHANT", `payment ${index} of period ${number} is confirmed ${side} by an admin of "${merchant}", not of "${organisation}"`, { period: number, payment: index, side, merchant, organisation });
  }
  const confirmed = payment[side];
  if (confirmed !== null) throw pointsError("POINTS_SETTLEMENT_ALREADY_CONFIRMED", `payment ${index} of period ${number} was confirmed ${side} at height ${confirmed.height}`, { period: number, payment: index, side });
  return { period, payment };
}

export const confirmSettlement = defineTxType({
  description: "An admin of a payment's payer confirms it paid, or of its payee that it was received; the payment is settled with both, the period with all its payments.",
  schema: confirmSettlementPayloadSchema,
  costUnits: 8,
  authorise: (context, payload) => {
    requireConfirmable(context, payload.period, payload.payment, payload.side);
  },
  execute: (context, payload) => {
    const { period, payment } = requireConfirmable(context, payload.period, payload.payment, payload.side);
    recordClock(context);
    const confirmed: SettlementPayment = { ...payment, [payload.side]: { by: context.caller.address, height: context.block.height } };
    const paymentSettled = confirmed.paid !== null && confirmed.received !== null;
    const unsettled = period.unsettled - (paymentSettled ? 1 : 0);
    const updated: SettlementPeriod = {
      ...period,
      payments: period.payments.map((entry, index) => (index === payload.payment ? confirmed : entry)),
      unsettled,
      status: unsettled === 0 ? "settled" : "open",
      settledAt: unsettled === 0 ? context.block.height : null,
    };
    context.state.set(pointsKeys.period(period.number), updated as unknown as CborValue);
    const merchant = payload.side === "paid" ? payment.payer : payment.payee;
    context.emit("settlement_confirmed", { period: period.number, payment: payload.payment, side: payload.side, merchant, fen: payment.fen, settled: paymentSettled });
    if (unsettled === 0) context.emit("period_settled", { period: period.number });
  },
});
