import { type SettleRedemptionPayload, settleRedemptionPayloadSchema } from "@kexin/core";
import type { TxCall } from "../call.ts";
import { pointsCall } from "./payload.ts";

export type ConfirmRedemptionCall = TxCall<"points", "confirm_redemption", SettleRedemptionPayload>;
export type RefundRedemptionCall = TxCall<"points", "refund_redemption", SettleRedemptionPayload>;

/** The reward's merchant confirms a pending redemption (the reward was delivered): it is final. */
export function confirmRedemption(parameters: SettleRedemptionPayload): ConfirmRedemptionCall {
  return pointsCall("confirm_redemption", settleRedemptionPayloadSchema, { redemption: parameters.redemption });
}

/** The reward's merchant refunds a pending redemption: the same lots go back to the member, and a partner's obligation for it is taken out. */
export function refundRedemption(parameters: SettleRedemptionPayload): RefundRedemptionCall {
  return pointsCall("refund_redemption", settleRedemptionPayloadSchema, { redemption: parameters.redemption });
}
