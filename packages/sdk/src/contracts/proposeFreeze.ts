import { type FreezeAction, type ProposeCall, proposeCall } from "./proposal.ts";
import { requireContractName } from "./validation.ts";

export type ProposeFreezeParameters = { readonly id: string; readonly name: string };
export type ProposeFreezeCall = ProposeCall<FreezeAction>;

/** Proposes to freeze a contract: once approved, calls to it are refused with CONTRACT_FROZEN. */
export function proposeFreeze(parameters: ProposeFreezeParameters): ProposeFreezeCall {
  const context = "contracts.propose";
  return proposeCall(context, parameters.id, { kind: "freeze", name: requireContractName(context, "name", parameters.name) });
}
