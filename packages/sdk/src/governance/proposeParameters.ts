import type { TxCall } from "../call.ts";
import { invalidParameter } from "../errors.ts";
import { requireCount } from "../validation.ts";
import { requireProposalId } from "./proposalId.ts";

const parameterNamePattern = /^[a-z][A-Za-z0-9]*\.[a-z][A-Za-z0-9]*$/;

export type ProposeParametersPayload = {
  readonly id: string;
  readonly description: string;
  /** New values by parameter name (`block.txsMax`); the node checks each against its bounds. */
  readonly changes: Readonly<Record<string, number>>;
  /** The first height deciding with the new values: at least the review window after the final approval. */
  readonly effectiveHeight: number;
};
export type ProposeParametersCall = TxCall<"governance", "propose_parameters", ProposeParametersPayload>;

/** Proposes new values of chain parameters from an effective height on; the signer must be an organisation admin. */
export function proposeParameters(parameters: ProposeParametersPayload): ProposeParametersCall {
  const context = "governance.propose_parameters";
  const names = Object.keys(parameters.changes ?? {});
  if (names.length === 0 || names.length > 32) throw invalidParameter(context, "changes", `must name from 1 to 32 parameters, got ${names.length}`);
  const changes: Record<string, number> = {};
  for (const name of names.sort()) {
    if (!parameterNamePattern.test(name)) throw invalidParameter(context, "changes", `${JSON.stringify(name)} is not a parameter name such as block.txsMax`);
    changes[name] = requireCount(context, `changes.${name}`, parameters.changes[name], Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  }
  return {
    module: "governance",
    type: "propose_parameters",
    payload: { id: requireProposalId(context, parameters.id), description: parameters.description, changes, effectiveHeight: requireCount(context, "effectiveHeight", parameters.effectiveHeight, 1, Number.MAX_SAFE_INTEGER) },
  };
}
