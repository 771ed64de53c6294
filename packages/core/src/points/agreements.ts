import { Type } from "@sinclair/typebox";
import type { WireStatic } from "../wireCheck.ts";
import { exactAmountSchema, pointsAddressSchema, pointsOrganisationSchema, programIdSchema } from "./programs.ts";

/** An exchange agreement's id; chosen by its proposer, unique on the chain. */
export const agreementIdSchema = Type.String({ pattern: "^[a-z][a-z0-9_.-]{1,47}$", description: "an exchange agreement's id" });

/**
 * How the points received are rounded when the rate does not divide evenly: `down` (the member
 * gets the whole points below), `half_up` (to the nearest, halves up), `exact` (an amount that
 * does not convert exactly is refused with POINTS_EXCHANGE_NOT_EXACT).
 */
export const exchangeRoundings = ["down", "half_up", "exact"] as const;
export type ExchangeRounding = (typeof exchangeRoundings)[number];

const timeMs = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: "block time, milliseconds since the epoch" });

export const agreementTermsSchema = Type.Object(
  {
    id: agreementIdSchema,
    /** Members give points of this program… */
    from: programIdSchema,
    /** …and receive points of this one. */
    to: programIdSchema,
    /** `rate.from` points of `from` convert to `rate.to` points of `to`. */
    rate: Type.Object({ from: exactAmountSchema(1, "points of the source program"), to: exactAmountSchema(1, "points of the target program") }, { additionalProperties: false }),
    rounding: Type.Union(exchangeRoundings.map((value) => Type.Literal(value))),
    /** Taken from the points given, before conversion: `fixed` points plus `basisPoints` / 10 000 of the amount, rounded down. The fee is burnt and owed to no one. */
    fee: Type.Object({ fixed: exactAmountSchema(0, "points"), basisPoints: Type.Integer({ minimum: 0, maximum: 10_000 }) }, { additionalProperties: false }),
    /** What program `from` owes program `to` for each point of `to` an exchange issues, in fen. */
    settlementFenPerPoint: exactAmountSchema(0, "fen per point received"),
    /** Points of `from` one member may give per day (UTC+8 calendar day of the block time). */
    memberDailyCap: exactAmountSchema(1, "points per member per day"),
    /** Points of `from` all members together may give per day. */
    totalDailyCap: exactAmountSchema(1, "points per day"),
    /** The agreement applies to blocks whose time is at least `validFrom` and less than `validUntil`. */
    validFrom: timeMs,
    validUntil: timeMs,
  },
  { additionalProperties: false },
);

/** The payload of `points.propose_agreement`: an admin of either program's merchant proposes. */
export const proposeAgreementPayloadSchema = agreementTermsSchema;
export type ProposeAgreementPayload = WireStatic<typeof proposeAgreementPayloadSchema>;

/** The payload of `points.accept_agreement`: an admin of the other merchant accepts; the agreement applies from then on. */
export const acceptAgreementPayloadSchema = Type.Object({ id: agreementIdSchema }, { additionalProperties: false });
export type AcceptAgreementPayload = WireStatic<typeof acceptAgreementPayloadSchema>;

/** The payload of `points.end_agreement`: an admin of either program's merchant ends the agreement; exchanges from the next block on are refused. */
export const endAgreementPayloadSchema = Type.Object({ id: agreementIdSchema }, { additionalProperties: false });
export type EndAgreementPayload = WireStatic<typeof endAgreementPayloadSchema>;

/** The payload of `points.exchange`: the signer gives `amount` points of the agreement's source program. */
export const exchangePayloadSchema = Type.Object({ agreement: agreementIdSchema, amount: exactAmountSchema(1, "points given") }, { additionalProperties: false });
export type ExchangePayload = WireStatic<typeof exchangePayloadSchema>;

const amount = Type.Integer({ minimum: 0 });

export const agreementRecordSchema = Type.Object({
  id: agreementIdSchema,
  from: programIdSchema,
  to: programIdSchema,
  rate: Type.Object({ from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) }),
  rounding: Type.Union(exchangeRoundings.map((value) => Type.Literal(value))),
  fee: Type.Object({ fixed: amount, basisPoints: Type.Integer({ minimum: 0, maximum: 10_000 }) }),
  settlementFenPerPoint: amount,
  memberDailyCap: amount,
  totalDailyCap: amount,
  validFrom: amount,
  validUntil: amount,
  /** `ended`: an admin of either merchant ended it (a proposal withdrawn, or an agreement in force stopped) at `endedAt`. */
  status: Type.Union([Type.Literal("proposed"), Type.Literal("active"), Type.Literal("ended")]),
  /** The merchant whose admin proposed; an admin of the other one accepts. */
  proposedBy: pointsOrganisationSchema,
  proposer: pointsAddressSchema,
  proposedAt: Type.Integer({ minimum: 0 }),
  acceptor: Type.Optional(pointsAddressSchema),
  acceptedAt: Type.Optional(Type.Integer({ minimum: 0 })),
  /** Who ended it and at which height: exchanges and redemptions under it are refused in later blocks. */
  endedBy: Type.Optional(pointsAddressSchema),
  endedAt: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type AgreementRecord = WireStatic<typeof agreementRecordSchema>;
