import type { TxCall } from "../call.ts";
import { invalidParameter } from "../errors.ts";
import { requireCount, requirePublicKey } from "../validation.ts";
import { requireProposalId } from "./proposalId.ts";

export type ValidatorChange = { readonly publicKey: string; readonly power: number };
export type ProposeValidatorsPayload = { readonly id: string; readonly description: string; readonly changes: readonly ValidatorChange[] };
export type ProposeValidatorsCall = TxCall<"governance", "propose_validators", ProposeValidatorsPayload>;

/** Proposes adding, re-weighting or removing (power 0) validators; the signer must be an organisation admin, on a BFT chain. */
export function proposeValidators(parameters: ProposeValidatorsPayload): ProposeValidatorsCall {
  const context = "governance.propose_validators";
  if (!Array.isArray(parameters.changes) || parameters.changes.length === 0) throw invalidParameter(context, "changes", "must list at least one validator change");
  return {
    module: "governance",
    type: "propose_validators",
    payload: {
      id: requireProposalId(context, parameters.id),
      description: parameters.description,
      changes: parameters.changes.map((change) => ({ publicKey: requirePublicKey(context, "changes.publicKey", change.publicKey), power: requireCount(context, "changes.power", change.power, 0, 1_000_000) })),
    },
  };
}
