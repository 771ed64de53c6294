import { Type } from "@sinclair/typebox";
import type { WireStatic } from "../wireCheck.ts";
import { agreementIdSchema } from "./agreements.ts";
import { pointsLotSchema } from "./answers.ts";
import { pointsRedemptionQuantityMax } from "./limits.ts";
import { exactAmountSchema, pointsAddressSchema, pointsOrganisationSchema, programIdSchema } from "./programs.ts";

/** A reward's id in the catalogue; chosen by its merchant, unique on the chain. */
export const rewardIdSchema = Type.String({ pattern: "^[a-z][a-z0-9_.-]{1,63}$", description: "a reward's id" });
const txHash = Type.String({ pattern: "^[0-9a-f]{64}$", description: "a redemption: the hash of its transaction" });
const title = Type.Object({ zh: Type.String({ minLength: 1, maxLength: 200 }), en: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

/**
 * The payload of `points.publish_reward`: an admin of `program`'s merchant lists a reward. Its
 * price is in the program's own points, or in a partner program's under `agreement`, an accepted
 * exchange agreement from the partner program to this one: a redemption then converts the price
 * on the agreement's terms, counts towards its daily caps, and the partner owes the agreed value.
 */
export const publishRewardPayloadSchema = Type.Object(
  {
    id: rewardIdSchema,
    program: programIdSchema,
    title,
    price: Type.Object({ program: programIdSchema, points: exactAmountSchema(1, "points per reward") }, { additionalProperties: false }),
    agreement: Type.Optional(agreementIdSchema),
    /** How many may be redeemed (refunds give them back); absent for no limit. */
    stock: Type.Optional(exactAmountSchema(1, "rewards")),
  },
  { additionalProperties: false },
);
export type PublishRewardPayload = WireStatic<typeof publishRewardPayloadSchema>;

export const rewardRecordSchema = Type.Object({
  id: rewardIdSchema,
  program: programIdSchema,
  merchant: pointsOrganisationSchema,
  title,
  price: Type.Object({ program: programIdSchema, points: Type.Integer({ minimum: 1 }) }),
  agreement: Type.Union([agreementIdSchema, Type.Null()]),
  /** What is left to redeem; null for no limit. */
  stock: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
  publishedBy: pointsAddressSchema,
  publishedAt: Type.Integer({ minimum: 0 }),
});
export type RewardRecord = WireStatic<typeof rewardRecordSchema>;

/** The payload of `points.redeem`: the signer spends the price of `quantity` rewards. */
export const redeemPayloadSchema = Type.Object({ reward: rewardIdSchema, quantity: Type.Integer({ minimum: 1, maximum: pointsRedemptionQuantityMax }) }, { additionalProperties: false });
export type RedeemPayload = WireStatic<typeof redeemPayloadSchema>;

/** The payload of `points.confirm_redemption` and `points.refund_redemption`: a member or admin of the reward's merchant settles a pending redemption. */
export const settleRedemptionPayloadSchema = Type.Object({ redemption: txHash }, { additionalProperties: false });
export type SettleRedemptionPayload = WireStatic<typeof settleRedemptionPayloadSchema>;

export const redemptionStatuses = ["pending", "confirmed", "refunded"] as const;
export type RedemptionStatus = (typeof redemptionStatuses)[number];

export const redemptionRecordSchema = Type.Object({
  id: txHash,
  reward: rewardIdSchema,
  member: pointsAddressSchema,
  quantity: Type.Integer({ minimum: 1 }),
  /** The program the price was paid in and the points paid, with the lots they came from (a refund restores these). */
  paid: Type.Object({ program: programIdSchema, points: Type.Integer({ minimum: 1 }), lots: Type.Array(pointsLotSchema) }),
  /** For a price in partner points: the agreement, the reward's program's points the price converted to, and the fen the partner owes. */
  agreement: Type.Union([agreementIdSchema, Type.Null()]),
  converted: Type.Integer({ minimum: 0 }),
  owedFen: Type.Integer({ minimum: 0 }),
  status: Type.Union(redemptionStatuses.map((status) => Type.Literal(status))),
  redeemedAt: Type.Integer({ minimum: 0 }),
  settledAt: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
  settledBy: Type.Union([pointsAddressSchema, Type.Null()]),
});
export type RedemptionRecord = WireStatic<typeof redemptionRecordSchema>;

const pageFields = { total: Type.Integer(), start: Type.Integer(), next: Type.Union([Type.Integer(), Type.Null()]) };
export const rewardsAnswerSchema = Type.Object({ ...pageFields, rewards: Type.Array(rewardRecordSchema) });
export type RewardsAnswer = WireStatic<typeof rewardsAnswerSchema>;
export const redemptionsAnswerSchema = Type.Object({ ...pageFields, redemptions: Type.Array(redemptionRecordSchema) });
export type RedemptionsAnswer = WireStatic<typeof redemptionsAnswerSchema>;
