import type { TxCall } from "../call.ts";
import { requirePositiveAmount, requirePublicKey } from "../validation.ts";

export type DelegatePayload = { readonly candidate: string; readonly amount: number };
export type DelegateCall = TxCall<"staking", "delegate", DelegatePayload>;

/** Bonds `amount` of the signer's stake to a candidate. */
export function delegate(parameters: DelegatePayload): DelegateCall {
  const context = "staking.delegate";
  return { module: "staking", type: "delegate", payload: { candidate: requirePublicKey(context, "candidate", parameters.candidate), amount: requirePositiveAmount(context, "amount", parameters.amount) } };
}
