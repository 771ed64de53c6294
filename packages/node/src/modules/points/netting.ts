import type { SettlementLine, SettlementPosition } from "@kexin/core";
import { safeSum } from "./amounts.ts";

/*
 * Multilateral netting, a pure function of a period's lines so that every node, the tests'
 * reference and a reader of the statements reach the same payments. Everything is ordered
 * explicitly (code-unit order of ids, never the locale's), and amounts are integers in fen.
 */

/** Code-unit order: the same on every machine, whatever its locale. */
export function compareIds(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Each merchant's gross position over the lines between different merchants, sorted by merchant id. */
export function netPositions(lines: readonly SettlementLine[]): SettlementPosition[] {
  const owes = new Map<string, number>();
  const owed = new Map<string, number>();
  for (const line of lines) {
    if (line.fromMerchant === line.toMerchant) continue;
    owes.set(line.fromMerchant, safeSum(owes.get(line.fromMerchant) ?? 0, line.fen, `what "${line.fromMerchant}" owes over the period`));
    owed.set(line.toMerchant, safeSum(owed.get(line.toMerchant) ?? 0, line.fen, `what "${line.toMerchant}" is owed over the period`));
  }
  const merchants = [...new Set([...owes.keys(), ...owed.keys()])].sort(compareIds);
  return merchants.map((merchant) => {
    const owesFen = owes.get(merchant) ?? 0;
    const owedFen = owed.get(merchant) ?? 0;
    return { merchant, owesFen, owedFen, netFen: safeSum(owedFen, -owesFen, `the net position of "${merchant}"`) };
  });
}

export interface NettedPayment {
  readonly payer: string;
  readonly payee: string;
  readonly fen: number;
}

/** Largest amount first, then merchant id: which debtor pays which creditor follows from the positions alone. */
function byAmountThenId(left: { readonly merchant: string; readonly fen: number }, right: { readonly merchant: string; readonly fen: number }): number {
  return right.fen - left.fen || compareIds(left.merchant, right.merchant);
}

/**
 * The payments that bring every net position to zero: debtors and creditors each sorted by
 * amount (largest first) then id, and matched greedily. Each payment closes at least one
 * position, so there are at most (merchants with a position − 1) payments, and together they move
 * exactly the sum of the positive positions, never more than the gross obligations.
 */
export function nettedPayments(positions: readonly SettlementPosition[]): NettedPayment[] {
  const debtors = positions.filter((position) => position.netFen < 0).map((position) => ({ merchant: position.merchant, fen: -position.netFen })).sort(byAmountThenId);
  const creditors = positions.filter((position) => position.netFen > 0).map((position) => ({ merchant: position.merchant, fen: position.netFen })).sort(byAmountThenId);
  const payments: NettedPayment[] = [];
  let debtor = 0;
  let creditor = 0;
  let debtLeft = debtors[0]?.fen ?? 0;
  let creditLeft = creditors[0]?.fen ?? 0;
  while (debtor < debtors.length && creditor < creditors.length) {
    const fen = Math.min(debtLeft, creditLeft);
    payments.push({ payer: (debtors[debtor] as { merchant: string }).merchant, payee: (creditors[creditor] as { merchant: string }).merchant, fen });
    debtLeft -= fen;
    creditLeft -= fen;
    if (debtLeft === 0) debtLeft = debtors[++debtor]?.fen ?? 0;
    if (creditLeft === 0) creditLeft = creditors[++creditor]?.fen ?? 0;
  }
  // Every line is owed by one merchant and to another, so the positions sum to zero and both sides run out together.
  if (debtor !== debtors.length || creditor !== creditors.length) throw new Error("points netting is inconsistent: the net positions do not sum to zero");
  return payments;
}
