import type { TxCall } from "../call.ts";
import { requirePositiveAmount, requirePublicKey } from "../validation.ts";

export type RegisterCandidatePayload = { readonly publicKey: string; readonly selfStake: number };
export type RegisterCandidateCall = TxCall<"staking", "register_candidate", RegisterCandidatePayload>;

/** Offers a node key the signer's organisation registered as a validator candidate, bonding `selfStake`. */
export function registerCandidate(parameters: RegisterCandidatePayload): RegisterCandidateCall {
  const context = "staking.register_candidate";
  return {
    module: "staking",
    type: "register_candidate",
    payload: { publicKey: requirePublicKey(context, "publicKey", parameters.publicKey), selfStake: requirePositiveAmount(context, "selfStake", parameters.selfStake) },
  };
}
