import { type CodeProposalParameters, type DeployAction, type ProposeCall, codeAction, optionalValue, proposeCall } from "./proposal.ts";

export type ProposeDeployParameters = CodeProposalParameters & {
  /** Arguments of the contract's `init`, run in the block that activates it. */
  readonly init?: unknown;
};
export type ProposeDeployCall = ProposeCall<DeployAction>;

/** Proposes a new contract; only organisation admins may, and the proposer's organisation approves at once. */
export function proposeDeploy(parameters: ProposeDeployParameters): ProposeDeployCall {
  const context = "contracts.propose";
  return proposeCall(context, parameters.id, { kind: "deploy", ...codeAction(context, parameters), ...optionalValue(context, "init", parameters.init) });
}
