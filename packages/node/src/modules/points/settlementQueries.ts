import {
  type SettlementLine,
  type SettlementPeriod,
  type SettlementPeriodSummary,
  type StatementAnswer,
  type StatementPartner,
  type StatementTransaction,
  type StatementTransactionsAnswer,
  pointsListLimitMax,
  pointsOrganisationSchema,
  programIdSchema,
} from "@kexin/core";
import { Type } from "@sinclair/typebox";
import { integerParameter } from "../../execution/integerParameter.ts";
import { type QueryDefinition, type StateRead, defineQuery } from "../../execution/interface.ts";
import { pageOf } from "../../execution/pagedList.ts";
import { type StoredObligation, heightList, pageParameters, pointsLists } from "./lists.ts";
import { compareIds } from "./netting.ts";
import { readLastPeriod, readPeriod, requirePeriod } from "./settlement.ts";

const { start, limit } = pageParameters;
const periodNumber = integerParameter({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }, "a settlement period's number");

function summaryOf(period: SettlementPeriod): SettlementPeriodSummary {
  const paymentsFen = period.payments.reduce((sum, payment) => sum + payment.fen, 0);
  return { number: period.number, fromHeight: period.fromHeight, toHeight: period.toHeight, lines: period.lines.length, payments: period.payments.length, paymentsFen, unsettled: period.unsettled, status: period.status };
}

/** A merchant's statement of a period: its lines grouped by partner (its own programs between themselves left out), its position and its payments. */
export function statementOf(period: SettlementPeriod, merchant: string): StatementAnswer {
  const partners = new Map<string, { owesFen: number; owedFen: number; lines: SettlementLine[] }>();
  for (const line of period.lines) {
    if (line.fromMerchant === line.toMerchant || (line.fromMerchant !== merchant && line.toMerchant !== merchant)) continue;
    const owes = line.fromMerchant === merchant;
    const partner = owes ? line.toMerchant : line.fromMerchant;
    const entry = partners.get(partner) ?? { owesFen: 0, owedFen: 0, lines: [] };
    partners.set(partner, { owesFen: entry.owesFen + (owes ? line.fen : 0), owedFen: entry.owedFen + (owes ? 0 : line.fen), lines: [...entry.lines, line] });
  }
  const position = period.positions.find((candidate) => candidate.merchant === merchant) ?? { owesFen: 0, owedFen: 0, netFen: 0 };
  return {
    period: period.number,
    merchant,
    fromHeight: period.fromHeight,
    toHeight: period.toHeight,
    status: period.status,
    partners: [...partners.keys()].sort(compareIds).map((partner): StatementPartner => ({ partner, ...(partners.get(partner) as { owesFen: number; owedFen: number; lines: SettlementLine[] }) })),
    owesFen: position.owesFen,
    owedFen: position.owedFen,
    netFen: position.netFen,
    payments: period.payments.flatMap((payment, index) => (payment.payer === merchant || payment.payee === merchant ? [{ index, ...payment }] : [])),
  };
}

/** The position just past the mark a period's close left in a pair's list, or undefined when the pair had no obligation yet then. */
function pastCloseMark(list: ReturnType<typeof heightList<StoredObligation>>, period: SettlementPeriod | undefined): number | undefined {
  if (period === undefined) return undefined;
  for (let position = list.countThrough(period.toHeight) - 1; position >= 0; position--) {
    const entry = list.entryAt(position);
    if (entry[0] < period.toHeight) return undefined;
    if (entry[7] === period.number) return position + 1;
  }
  return undefined;
}

/** The changes of what `from` owes `to` within a period: the entries between the previous period's mark and this one's. */
function statementTransactions(state: StateRead, index: StateRead, number: number, from: string, to: string, parameters: { readonly start?: string; readonly limit?: string }): StatementTransactionsAnswer {
  const period = requirePeriod(state, number);
  const list = heightList<StoredObligation>(index, pointsLists.obligations(from, to));
  const end = pastCloseMark(list, period);
  const first = pastCloseMark(list, readPeriod(state, number - 1)) ?? 0;
  const total = end === undefined ? 0 : end - 1 - first;
  const page = pageOf(total, parameters, pointsListLimitMax, (offset): StatementTransaction => {
    const [height, tx, fen, exchanges, redemptions] = list.entryAt(first + offset);
    const before = first + offset === 0 ? undefined : list.entryAt(first + offset - 1);
    const kind = exchanges > (before?.[3] ?? 0) ? "exchange" : redemptions > (before?.[4] ?? 0) ? "redemption" : "refund";
    return { height, tx, kind, fen: fen - (before?.[2] ?? 0) };
  });
  const { entries, ...rest } = page;
  return { ...rest, period: number, from, to, transactions: entries };
}

export const settlementQueries: Readonly<Record<string, QueryDefinition>> = {
  period: defineQuery({
    description: "One settlement period: its lines, the merchants' positions, the payments after netting and their confirmations.",
    parameters: Type.Object({ number: periodNumber }),
    run: (state, parameters) => requirePeriod(state, Number(parameters.number)),
  }),
  periods: defineQuery({
    description: "The settlement periods, oldest first, a page at a time, each summed up.",
    parameters: Type.Object({ start, limit }),
    run: (state, parameters) => {
      const { entries, ...page } = pageOf(readLastPeriod(state)[0], parameters, pointsListLimitMax, (position) => summaryOf(requirePeriod(state, position + 1)));
      return { ...page, periods: entries };
    },
  }),
  statement: defineQuery({
    description: "A merchant's statement of a settlement period: what it owes and is owed per partner before netting, with the program pairs behind each, its net position, and the payments it makes or receives.",
    parameters: Type.Object({ period: periodNumber, merchant: pointsOrganisationSchema }),
    run: (state, parameters) => statementOf(requirePeriod(state, Number(parameters.period)), parameters.merchant),
  }),
  statement_transactions: defineQuery({
    description: "The transactions behind one line of a settlement period (what program `from` came to owe program `to`), oldest first, a page at a time.",
    parameters: Type.Object({ period: periodNumber, from: programIdSchema, to: programIdSchema, start, limit }),
    run: (state, parameters, _readModule, _blocks, index) => statementTransactions(state, index, Number(parameters.period), parameters.from, parameters.to, parameters),
  }),
};
