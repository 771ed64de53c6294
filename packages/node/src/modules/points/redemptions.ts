import { type CborValue, type RedemptionRecord, type RewardRecord, pointsError, redeemPayloadSchema, settleRedemptionPayloadSchema } from "@kexin/core";
import { type ReadContext, type StateRead, type TxContext, defineTxType } from "../../execution/interface.ts";
import { requireRegistered } from "../identity/index.ts";
import { recordClock } from "./clock.ts";
import { checkExchange, countTowardsCaps } from "./exchange.ts";
import { burnPoints, restoreRedeemedPoints } from "./holdings.ts";
import { pointsKeys } from "./keys.ts";
import { appendToList, pointsLists, recordHistory } from "./lists.ts";
import type { Lot } from "./lots.ts";
import { changeOwed } from "./obligations.ts";
import { actsForMerchant } from "./programs.ts";
import { readReward, requireReward } from "./rewards.ts";

/*
 * A member redeems a reward: the price is burnt at once and the redemption waits for the
 * merchant, who confirms it (delivered; final) or refunds it, which reverses it exactly: the same
 * lots come back with their expiry, the stock is given back, and what a partner program owed for
 * it is taken out of the obligation. A refund does not give back the day's exchange cap.
 */

export function readRedemption(state: StateRead, id: string): RedemptionRecord | undefined {
  return state.get(pointsKeys.redemption(id)) as RedemptionRecord | undefined;
}

/** The price of `quantity` rewards; POINTS_AMOUNT_TOO_LARGE beyond 2^53 − 1. */
function priceOf(reward: RewardRecord, quantity: number): number {
  const points = reward.price.points * quantity;
  if (!Number.isSafeInteger(points)) throw pointsError("POINTS_AMOUNT_TOO_LARGE", `${quantity} × ${reward.price.points} points is more than ${Number.MAX_SAFE_INTEGER}`, { reward: reward.id });
  return points;
}

/** For a price in partner points: the agreement's terms, checked and counted towards its caps, and the obligation they create. */
function convertPartnerPrice(context: TxContext, reward: RewardRecord, member: string, points: number): { readonly converted: number; readonly owedFen: number } {
  if (reward.agreement === null) return { converted: 0, owedFen: 0 };
  const check = checkExchange(context.state, reward.agreement, member, points, context.block);
  countTowardsCaps(context, check, member, points);
  changeOwed(context, reward.price.program, reward.program, { fen: check.terms.owedFen, exchanges: 0, redemptions: 1, pointsGiven: points, pointsReceived: check.terms.received });
  return { converted: check.terms.received, owedFen: check.terms.owedFen };
}

export const redeem = defineTxType({
  description: "A member redeems rewards of the catalogue: their price is burnt from its oldest points and the redemption waits for the merchant to confirm or refund it.",
  schema: redeemPayloadSchema,
  costUnits: 12,
  authorise: (context) => {
    requireRegistered(context);
  },
  execute: (context, payload) => {
    const member = context.caller.address;
    const reward = requireReward(context.state, payload.reward);
    if (reward.stock !== null && reward.stock < payload.quantity) {
      throw pointsError("POINTS_OUT_OF_STOCK", `reward "${reward.id}" has ${reward.stock} left, fewer than ${payload.quantity}`, { reward: reward.id, stock: reward.stock });
    }
    const points = priceOf(reward, payload.quantity);
    recordClock(context);
    const { converted, owedFen } = convertPartnerPrice(context, reward, member, points);
    const lots = burnPoints(context, reward.price.program, member, points, "redemption");
    if (reward.stock !== null) context.state.set(pointsKeys.reward(reward.id), { ...reward, stock: reward.stock - payload.quantity } as unknown as CborValue);
    const redemption: RedemptionRecord = {
      id: context.tx.hash,
      reward: reward.id,
      member,
      quantity: payload.quantity,
      paid: { program: reward.price.program, points, lots: lots.map(([expiresOn, amount]) => ({ expiresOn, amount })) },
      agreement: reward.agreement,
      converted,
      owedFen,
      status: "pending",
      redeemedAt: context.block.height,
      settledAt: null,
      settledBy: null,
    };
    context.state.set(pointsKeys.redemption(context.tx.hash), redemption as unknown as CborValue);
    appendToList(context, pointsLists.memberRedemptions(member), context.tx.hash);
    appendToList(context, pointsLists.programRedemptions(reward.program), context.tx.hash);
    recordHistory(context, member, "redeemed", reward.price.program, null, points, reward.id);
    context.emit("redeemed", { redemption: context.tx.hash, reward: reward.id, member, program: reward.price.program, points, quantity: payload.quantity, owedFen });
  },
});

/** The pending redemption and its reward, checked to be one the signer's merchant may settle. */
function requireSettleable(context: ReadContext, id: string): { readonly redemption: RedemptionRecord; readonly reward: RewardRecord } {
  const redemption = readRedemption(context.state, id);
  if (redemption === undefined) throw pointsError("POINTS_REDEMPTION_NOT_FOUND", `no redemption ${id} exists`, { redemption: id });
  const reward = readReward(context.state, redemption.reward) as RewardRecord;
  if (!actsForMerchant(context, reward.merchant)) {
    throw pointsError("POINTS_NOT_REWARD_MERCHANT", `only an admin or a member with the merchant role of "${reward.merchant}" may settle redemptions of "${reward.id}"`, { redemption: id, address: context.caller.address });
  }
  if (redemption.status !== "pending") throw pointsError("POINTS_REDEMPTION_SETTLED", `redemption ${id} was ${redemption.status} at height ${redemption.settledAt ?? 0}`, { redemption: id, status: redemption.status });
  return { redemption, reward };
}

function settled(context: TxContext, redemption: RedemptionRecord, status: "confirmed" | "refunded"): void {
  context.state.set(pointsKeys.redemption(redemption.id), { ...redemption, status, settledAt: context.block.height, settledBy: context.caller.address } as unknown as CborValue);
}

export const confirmRedemption = defineTxType({
  description: "The reward's merchant confirms a pending redemption: the reward was delivered, and the redemption is final.",
  schema: settleRedemptionPayloadSchema,
  costUnits: 5,
  authorise: (context, payload) => {
    requireSettleable(context, payload.redemption);
  },
  execute: (context, payload) => {
    const { redemption } = requireSettleable(context, payload.redemption);
    recordClock(context);
    settled(context, redemption, "confirmed");
    context.emit("redemption_confirmed", { redemption: redemption.id, reward: redemption.reward, member: redemption.member });
  },
});

export const refundRedemption = defineTxType({
  description: "The reward's merchant refunds a pending redemption, reversing it exactly: the same lots back to the member, the stock back, the partner's obligation for it taken out.",
  schema: settleRedemptionPayloadSchema,
  costUnits: 10,
  authorise: (context, payload) => {
    requireSettleable(context, payload.redemption);
  },
  execute: (context, payload) => {
    const { redemption, reward } = requireSettleable(context, payload.redemption);
    recordClock(context);
    const lots = redemption.paid.lots.map(({ expiresOn, amount }): Lot => [expiresOn, amount]);
    restoreRedeemedPoints(context, redemption.paid.program, redemption.member, lots);
    const current = readReward(context.state, reward.id) as RewardRecord;
    if (current.stock !== null) context.state.set(pointsKeys.reward(reward.id), { ...current, stock: current.stock + redemption.quantity } as unknown as CborValue);
    if (redemption.agreement !== null) {
      changeOwed(context, redemption.paid.program, reward.program, { fen: -redemption.owedFen, exchanges: 0, redemptions: -1, pointsGiven: -redemption.paid.points, pointsReceived: -redemption.converted });
    }
    settled(context, redemption, "refunded");
    recordHistory(context, redemption.member, "refunded", redemption.paid.program, null, redemption.paid.points, reward.id);
    context.emit("redemption_refunded", { redemption: redemption.id, reward: redemption.reward, member: redemption.member, program: redemption.paid.program, points: redemption.paid.points, owedFen: redemption.owedFen });
  },
});
