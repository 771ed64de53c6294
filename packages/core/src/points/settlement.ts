import { Type } from "@sinclair/typebox";
import type { WireStatic } from "../wireCheck.ts";
import { pointsAddressSchema, pointsOrganisationSchema, programIdSchema } from "./programs.ts";
import { settlementPairsMax } from "./limits.ts";

/*
 * Settlement (清算) of what programs owe each other. A period closes with everything owed that
 * changed after the previous period's close and before its own; the merchants' positions are
 * netted multilaterally into payments, and each payment is settled when its payer's admin has
 * confirmed it paid and its payee's admin that it was received.
 */

const height = Type.Integer({ minimum: 0 });
/** Fen that may be negative: a period where refunds of earlier redemptions outweigh what was newly owed. */
const signedFen = Type.Integer({ minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER });
/** Payments one period may have at most: each closes a position, and each line brings at most two merchants. */
export const settlementPaymentsMax = 2 * settlementPairsMax;
const periodNumber = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: "a settlement period, numbered from 1 across the consortium" });

/** The payload of `points.close_period`: any organisation's admin closes the current period. */
export const closePeriodPayloadSchema = Type.Object({}, { additionalProperties: false });
export type ClosePeriodPayload = WireStatic<typeof closePeriodPayloadSchema>;

export const settlementSides = ["paid", "received"] as const;
export type SettlementSide = (typeof settlementSides)[number];

/** The payload of `points.confirm_settlement`: the payer's admin confirms `paid`, the payee's `received`. */
export const confirmSettlementPayloadSchema = Type.Object(
  {
    period: periodNumber,
    /** The payment's position in the period's payments, from 0 (fewer than two merchants per line). */
    payment: Type.Integer({ minimum: 0, maximum: settlementPaymentsMax }),
    side: Type.Union(settlementSides.map((side) => Type.Literal(side))),
  },
  { additionalProperties: false },
);
export type ConfirmSettlementPayload = WireStatic<typeof confirmSettlementPayloadSchema>;

/** What program `from` came to owe program `to` over a period: the changes of their obligation (refunds make them negative). */
export const settlementLineSchema = Type.Object({
  from: programIdSchema,
  to: programIdSchema,
  fromMerchant: pointsOrganisationSchema,
  toMerchant: pointsOrganisationSchema,
  fen: signedFen,
  exchanges: Type.Integer(),
  redemptions: Type.Integer(),
});
export type SettlementLine = WireStatic<typeof settlementLineSchema>;

/** A merchant's gross position over a period (between its own programs left out) and its net: owed to it less owed by it. */
export const settlementPositionSchema = Type.Object({ merchant: pointsOrganisationSchema, owesFen: signedFen, owedFen: signedFen, netFen: signedFen });
export type SettlementPosition = WireStatic<typeof settlementPositionSchema>;

const confirmation = Type.Union([Type.Object({ by: pointsAddressSchema, height }), Type.Null()]);

/** One payment after netting: `payer` pays `payee` `fen`; settled once both confirmations are in. */
export const settlementPaymentSchema = Type.Object({ payer: pointsOrganisationSchema, payee: pointsOrganisationSchema, fen: Type.Integer({ minimum: 1 }), paid: confirmation, received: confirmation });
export type SettlementPayment = WireStatic<typeof settlementPaymentSchema>;

export const settlementPeriodStatuses = ["open", "settled"] as const;

export const settlementPeriodSchema = Type.Object({
  number: periodNumber,
  /** The heights of the previous period's close (0 before the first) and of this one's. */
  fromHeight: height,
  toHeight: height,
  closedBy: pointsAddressSchema,
  /** The program pairs whose obligation changed, sorted by `from` then `to`. */
  lines: Type.Array(settlementLineSchema),
  /** Every merchant with a line, sorted by id. */
  positions: Type.Array(settlementPositionSchema),
  payments: Type.Array(settlementPaymentSchema),
  /** Payments not yet confirmed by both sides. */
  unsettled: Type.Integer({ minimum: 0 }),
  status: Type.Union(settlementPeriodStatuses.map((status) => Type.Literal(status))),
  settledAt: Type.Union([height, Type.Null()]),
});
export type SettlementPeriod = WireStatic<typeof settlementPeriodSchema>;

const pageFields = { total: Type.Integer(), start: Type.Integer(), next: Type.Union([Type.Integer(), Type.Null()]) };

export const settlementPeriodSummarySchema = Type.Object({
  number: periodNumber,
  fromHeight: height,
  toHeight: height,
  lines: Type.Integer({ minimum: 0 }),
  payments: Type.Integer({ minimum: 0 }),
  /** The fen all payments move together. */
  paymentsFen: Type.Integer({ minimum: 0 }),
  unsettled: Type.Integer({ minimum: 0 }),
  status: Type.Union(settlementPeriodStatuses.map((status) => Type.Literal(status))),
});
export type SettlementPeriodSummary = WireStatic<typeof settlementPeriodSummarySchema>;
export const settlementPeriodsAnswerSchema = Type.Object({ ...pageFields, periods: Type.Array(settlementPeriodSummarySchema) });
export type SettlementPeriodsAnswer = WireStatic<typeof settlementPeriodsAnswerSchema>;

/** A merchant's statement lines with one partner: what it owes the partner and is owed by it, gross, with the program pairs behind them. */
export const statementPartnerSchema = Type.Object({ partner: pointsOrganisationSchema, owesFen: signedFen, owedFen: signedFen, lines: Type.Array(settlementLineSchema) });
export type StatementPartner = WireStatic<typeof statementPartnerSchema>;

export const statementAnswerSchema = Type.Object({
  period: periodNumber,
  merchant: pointsOrganisationSchema,
  fromHeight: height,
  toHeight: height,
  status: Type.Union(settlementPeriodStatuses.map((status) => Type.Literal(status))),
  partners: Type.Array(statementPartnerSchema),
  owesFen: signedFen,
  owedFen: signedFen,
  netFen: signedFen,
  /** The payments the merchant makes or receives, each with its position in the period. */
  payments: Type.Array(Type.Object({ index: Type.Integer({ minimum: 0 }), ...settlementPaymentSchema.properties })),
});
export type StatementAnswer = WireStatic<typeof statementAnswerSchema>;

export const statementTransactionKinds = ["exchange", "redemption", "refund"] as const;
export const statementTransactionSchema = Type.Object({
  height,
  tx: Type.String({ pattern: "^[0-9a-f]{64}$" }),
  kind: Type.Union(statementTransactionKinds.map((kind) => Type.Literal(kind))),
  fen: signedFen,
});
export type StatementTransaction = WireStatic<typeof statementTransactionSchema>;
/** The transactions behind one line of a period: the changes of what `from` owes `to`, oldest first. */
export const statementTransactionsAnswerSchema = Type.Object({ ...pageFields, period: periodNumber, from: programIdSchema, to: programIdSchema, transactions: Type.Array(statementTransactionSchema) });
export type StatementTransactionsAnswer = WireStatic<typeof statementTransactionsAnswerSchema>;
