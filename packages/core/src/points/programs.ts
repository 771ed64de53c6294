import { Type } from "@sinclair/typebox";
import type { WireStatic } from "../wireCheck.ts";
import { pointsExpiryDaysMax } from "./limits.ts";

/** The points service's name: its module, namespace and section of the registry. */
export const pointsModuleName = "points";

export const pointsAddressSchema = Type.String({ pattern: "^[0-9a-f]{40}$", description: "40 hex digits" });
export const pointsOrganisationSchema = Type.String({ pattern: "^[a-z][a-z0-9_]{0,31}$", description: "an organisation's id" });
/** A program of the points platform; chosen by its merchant, unique on the chain. */
export const programIdSchema = Type.String({ pattern: "^[a-z][a-z0-9_.-]{1,47}$", description: "a points program's id" });

/**
 * An exact amount (points or fen). Integers beyond 2^53 − 1 decode as bigint; the schema lets
 * them through so that the transaction fails with POINTS_AMOUNT_TOO_LARGE rather than a schema error.
 */
export function exactAmountSchema(minimum: number, description: string) {
  return Type.Union([Type.Integer({ minimum, maximum: Number.MAX_SAFE_INTEGER }), Type.BigInt({ minimum: BigInt(minimum) })], { description });
}

export const programNameSchema = Type.Object({ zh: Type.String({ minLength: 1, maxLength: 100 }), en: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });

/**
 * When a program's points expire: never, or `days` whole days after the day they were issued
 * (UTC+8): points issued on day D can be used through the end of day D + days.
 */
export const expiryPolicySchema = Type.Union([
  Type.Object({ kind: Type.Literal("none") }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal("days"), days: Type.Integer({ minimum: 1, maximum: pointsExpiryDaysMax }) }, { additionalProperties: false }),
]);
export type ExpiryPolicy = WireStatic<typeof expiryPolicySchema>;

/** The payload of `points.register_program`; the merchant is the signer's organisation. */
export const registerProgramPayloadSchema = Type.Object(
  {
    id: programIdSchema,
    name: programNameSchema,
    /** What one point is worth, in fen (0.01 yuan): the program's liability per outstanding point. */
    faceValueFen: exactAmountSchema(1, "fen per point"),
    expiry: expiryPolicySchema,
    /** Whether members may give points to each other (`points.program_transfer`). */
    transferable: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type RegisterProgramPayload = WireStatic<typeof registerProgramPayloadSchema>;

export const programRecordSchema = Type.Object({
  id: programIdSchema,
  name: programNameSchema,
  faceValueFen: Type.Integer({ minimum: 1 }),
  expiry: expiryPolicySchema,
  transferable: Type.Boolean(),
  merchant: pointsOrganisationSchema,
  registeredBy: pointsAddressSchema,
  registeredAt: Type.Integer({ minimum: 0 }),
});
export type ProgramRecord = WireStatic<typeof programRecordSchema>;

const pointsAmount = exactAmountSchema(1, "points");

/** The payload of `points.program_issue`: the signer is a member of the program's merchant. */
export const programIssuePayloadSchema = Type.Object({ program: programIdSchema, to: pointsAddressSchema, amount: pointsAmount }, { additionalProperties: false });
export type ProgramIssuePayload = WireStatic<typeof programIssuePayloadSchema>;

/** The payload of `points.program_transfer`: the signer's oldest points go first and keep their expiry. */
export const programTransferPayloadSchema = Type.Object({ program: programIdSchema, to: pointsAddressSchema, amount: pointsAmount }, { additionalProperties: false });
export type ProgramTransferPayload = WireStatic<typeof programTransferPayloadSchema>;

/** The payload of `points.program_burn`: the signer gives up its oldest points. */
export const programBurnPayloadSchema = Type.Object({ program: programIdSchema, amount: pointsAmount }, { additionalProperties: false });
export type ProgramBurnPayload = WireStatic<typeof programBurnPayloadSchema>;
