import { contractProposalsAnswerSchema } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import { type ApiError, type SdkError, invalidParameter } from "../errors.ts";
import type { ContractProposalView } from "./types.ts";

export type GetProposalsParameters = {
  /** Only open proposals (still collecting approvals) or only approved ones; both when absent. */
  readonly status?: "open" | "approved";
  readonly signal?: AbortSignal;
};
export type GetProposalsReturnType = readonly ContractProposalView[];
export type GetProposalsErrorType = ApiError | SdkError;

/** Proposals to deploy, upgrade, freeze or unfreeze contracts, with the organisations that approved each. */
export function getProposals(client: Client, parameters: GetProposalsParameters = {}): Promise<GetProposalsReturnType> {
  const { status } = parameters;
  if (status !== undefined && status !== "open" && status !== "approved") throw invalidParameter("contracts.proposals", "status", 'must be "open" or "approved"');
  return queryAnswer(client, contractProposalsAnswerSchema, { module: "contracts", query: "proposals", parameters: { status }, signal: parameters.signal });
}
