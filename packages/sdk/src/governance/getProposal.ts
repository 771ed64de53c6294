import { type GovernanceProposal, governanceProposalSchema } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import { requireProposalId } from "./proposalId.ts";

export type GetProposalParameters = { readonly id: string; readonly signal?: AbortSignal };
export type GetProposalReturnType = GovernanceProposal;

/** One proposal, validator or parameter change, with its approvals, vetoes and status. */
export function getProposal(client: Client, parameters: GetProposalParameters): Promise<GetProposalReturnType> {
  const id = requireProposalId("governance.proposal", parameters.id);
  return queryAnswer(client, governanceProposalSchema, { module: "governance", query: "proposal", parameters: { id }, signal: parameters.signal });
}
