import { type ProposalsAnswer, proposalsAnswerSchema } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import { requireCount } from "../validation.ts";

export type GetProposalsParameters = { readonly offset?: number; readonly limit?: number; readonly signal?: AbortSignal };
export type GetProposalsReturnType = ProposalsAnswer;

/** Proposals of both kinds in id order, a page at a time (default: the first 20). */
export function getProposals(client: Client, parameters: GetProposalsParameters = {}): Promise<GetProposalsReturnType> {
  const offset = requireCount("governance.proposals", "offset", parameters.offset ?? 0, 0, 10_000);
  const limit = requireCount("governance.proposals", "limit", parameters.limit ?? 20, 1, 100);
  return queryAnswer(client, proposalsAnswerSchema, { module: "governance", query: "proposals", parameters: { offset, limit }, signal: parameters.signal });
}
