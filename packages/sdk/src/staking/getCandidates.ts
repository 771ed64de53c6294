import { stakingCandidateSchema } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";

const candidatesAnswerSchema = Type.Array(stakingCandidateSchema);

export type GetCandidatesParameters = { readonly signal?: AbortSignal };
export type GetCandidatesReturnType = ReturnType<typeof queryAnswer<typeof candidatesAnswerSchema>>;

/** Every validator candidate with its stake, in election order. */
export function getCandidates(client: Client, parameters: GetCandidatesParameters = {}): GetCandidatesReturnType {
  return queryAnswer(client, candidatesAnswerSchema, { module: "staking", query: "candidates", signal: parameters.signal });
}
