import { type RedeemPayload, redeemPayloadSchema } from "@kexin/core";
import type { TxCall } from "../call.ts";
import { pointsCall } from "./payload.ts";

export type RedeemCall = TxCall<"points", "redeem", RedeemPayload>;

/** Redeems `quantity` of a reward: its price is burnt from the signer's oldest points, and the redemption (the transaction's hash) waits for the merchant. */
export function redeem(parameters: RedeemPayload): RedeemCall {
  return pointsCall("redeem", redeemPayloadSchema, { reward: parameters.reward, quantity: parameters.quantity });
}
