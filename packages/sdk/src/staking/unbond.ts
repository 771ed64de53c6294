import type { TxCall } from "../call.ts";
import { requirePositiveAmount, requirePublicKey } from "../validation.ts";

export type UnbondPayload = { readonly candidate: string; readonly amount: number };
export type UnbondCall = TxCall<"staking", "unbond", UnbondPayload>;

/** Starts returning `amount` bonded to a candidate; it can be withdrawn after the chain's unbonding epochs. */
export function unbond(parameters: UnbondPayload): UnbondCall {
  const context = "staking.unbond";
  return { module: "staking", type: "unbond", payload: { candidate: requirePublicKey(context, "candidate", parameters.candidate), amount: requirePositiveAmount(context, "amount", parameters.amount) } };
}
