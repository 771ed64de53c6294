import type { TxCall } from "../call.ts";

export type WithdrawCall = TxCall<"staking", "withdraw", Record<string, never>>;

/** Returns every unbonding whose release epoch has come to the signer's balance. */
export function withdraw(): WithdrawCall {
  return { module: "staking", type: "withdraw", payload: {} };
}
