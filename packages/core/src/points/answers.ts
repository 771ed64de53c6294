import { Type } from "@sinclair/typebox";
import type { WireStatic } from "../wireCheck.ts";
import { agreementIdSchema, agreementRecordSchema } from "./agreements.ts";
import { pointsAddressSchema, programIdSchema, programRecordSchema } from "./programs.ts";

/** The fields of every paged list: `total` entries, this page from `start`, the following page's start or null after the last. */
const pageFields = { total: Type.Integer(), start: Type.Integer(), next: Type.Union([Type.Integer(), Type.Null()]) };
const amount = Type.Integer({ minimum: 0 });
/** The block time and its day (UTC+8) that an answer's expiry was judged at. */
const asOf = Type.Object({ time: amount, day: Type.Integer() });

export const programAnswerSchema = programRecordSchema;
export const programsAnswerSchema = Type.Object({ ...pageFields, programs: Type.Array(programRecordSchema) });
export type ProgramsAnswer = WireStatic<typeof programsAnswerSchema>;

/** A program's totals: issued = outstanding + burnt + expired at every moment. */
export const programTotalsAnswerSchema = Type.Object({
  program: programIdSchema,
  asOf,
  issued: amount,
  burnt: amount,
  expired: amount,
  outstanding: amount,
  /** Of `issued`, the points exchanges brought in; of `burnt`, those exchanges took out. */
  exchangedIn: amount,
  exchangedOut: amount,
  /** Of `burnt`, the points spent on rewards (refunds deducted). */
  redeemed: amount,
  /** outstanding × the program's face value, in fen. */
  liabilityFen: amount,
});
export type ProgramTotalsAnswer = WireStatic<typeof programTotalsAnswerSchema>;

/** A lot: `amount` points that expire at the start of `expiresOn` (a day number, UTC+8), or never (null). */
export const pointsLotSchema = Type.Object({ expiresOn: Type.Union([Type.Integer(), Type.Null()]), amount });
export const memberBalanceSchema = Type.Object({ program: programIdSchema, balance: amount, lots: Type.Array(pointsLotSchema) });
export type MemberBalance = WireStatic<typeof memberBalanceSchema>;
/** A member's balances of every program it ever held, a page of programs at a time. */
export const memberBalancesAnswerSchema = Type.Object({ ...pageFields, address: pointsAddressSchema, asOf, balances: Type.Array(memberBalanceSchema) });
export type MemberBalancesAnswer = WireStatic<typeof memberBalancesAnswerSchema>;

export const pointsHistoryKinds = ["issued", "received", "sent", "burnt", "exchanged_out", "exchanged_in", "redeemed", "refunded"] as const;
export type PointsHistoryKind = (typeof pointsHistoryKinds)[number];
export const pointsHistoryEntrySchema = Type.Object({
  height: amount,
  time: amount,
  tx: Type.String({ pattern: "^[0-9a-f]{64}$" }),
  kind: Type.Union(pointsHistoryKinds.map((kind) => Type.Literal(kind))),
  program: programIdSchema,
  /** The member concerned (in a program's history) or the other side (in a member's: the sender or recipient; null for an issue or burn). */
  account: Type.Union([pointsAddressSchema, Type.Null()]),
  amount,
  /** The exchange agreement, for exchanges; the reward, for redemptions and refunds; null otherwise. */
  reference: Type.Union([Type.String(), Type.Null()]),
});
export type PointsHistoryEntry = WireStatic<typeof pointsHistoryEntrySchema>;
export const pointsHistoryAnswerSchema = Type.Object({ ...pageFields, entries: Type.Array(pointsHistoryEntrySchema) });
export type PointsHistoryAnswer = WireStatic<typeof pointsHistoryAnswerSchema>;

export const agreementAnswerSchema = agreementRecordSchema;
export const agreementsAnswerSchema = Type.Object({ ...pageFields, agreements: Type.Array(agreementRecordSchema) });
export type AgreementsAnswer = WireStatic<typeof agreementsAnswerSchema>;

/** What program `from` owes program `to` from exchanges and redemptions (refunds deducted), at the height asked (the newest by default). */
export const obligationAnswerSchema = Type.Object({ from: programIdSchema, to: programIdSchema, height: amount, fen: amount, exchanges: amount, redemptions: amount, pointsGiven: amount, pointsReceived: amount });
export type ObligationAnswer = WireStatic<typeof obligationAnswerSchema>;

/** A live quote of an exchange: its terms, what the caps leave today, and the refusal it would meet now (null if none). */
export const exchangeQuoteAnswerSchema = Type.Object({
  agreement: agreementIdSchema,
  asOf,
  amount,
  fee: amount,
  received: amount,
  owedFen: amount,
  memberRemainingToday: Type.Union([amount, Type.Null()]),
  totalRemainingToday: amount,
  refusal: Type.Union([Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()]),
});
export type ExchangeQuoteAnswer = WireStatic<typeof exchangeQuoteAnswerSchema>;
