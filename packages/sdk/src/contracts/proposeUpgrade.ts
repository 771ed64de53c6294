import { type CodeProposalParameters, type ProposeCall, type UpgradeAction, codeAction, optionalValue, proposeCall } from "./proposal.ts";

export type ProposeUpgradeParameters = CodeProposalParameters & {
  /** Arguments of the new code's `migrate`, run once when the upgrade takes effect; state is kept. */
  readonly migrate?: unknown;
};
export type ProposeUpgradeCall = ProposeCall<UpgradeAction>;

/** Proposes new code (and policy) for an existing contract, keeping its state. */
export function proposeUpgrade(parameters: ProposeUpgradeParameters): ProposeUpgradeCall {
  const context = "contracts.propose";
  return proposeCall(context, parameters.id, { kind: "upgrade", ...codeAction(context, parameters), ...optionalValue(context, "migrate", parameters.migrate) });
}
