import { type ProposeCall, type UnfreezeAction, proposeCall } from "./proposal.ts";
import { requireContractName } from "./validation.ts";

export type ProposeUnfreezeParameters = { readonly id: string; readonly name: string };
export type ProposeUnfreezeCall = ProposeCall<UnfreezeAction>;

/** Proposes to make a frozen contract callable again. */
export function proposeUnfreeze(parameters: ProposeUnfreezeParameters): ProposeUnfreezeCall {
  const context = "contracts.propose";
  return proposeCall(context, parameters.id, { kind: "unfreeze", name: requireContractName(context, "name", parameters.name) });
}
