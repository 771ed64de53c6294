import { contractProposalSchema } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import type { ApiError, SdkError } from "../errors.ts";
import type { ContractProposalView } from "./types.ts";
import { requireProposalId } from "./validation.ts";

export type GetProposalParameters = { readonly id: string; readonly signal?: AbortSignal };
export type GetProposalReturnType = ContractProposalView;
/** ApiError CONTRACT_PROPOSAL_NOT_FOUND (404) for an unknown id. */
export type GetProposalErrorType = ApiError | SdkError;

export function getProposal(client: Client, parameters: GetProposalParameters): Promise<GetProposalReturnType> {
  const id = requireProposalId("contracts.proposal", "id", parameters.id);
  return queryAnswer(client, contractProposalSchema, { module: "contracts", query: "proposal", parameters: { id }, signal: parameters.signal });
}
