import { rewardsAnswerSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetRewardsParameters = { readonly start?: number; readonly limit?: number } & { readonly signal?: AbortSignal };

/** The catalogue of rewards in the order published, a page at a time. */
export function getRewards(client: Client, parameters: GetRewardsParameters) {
  return queryAnswer(client, rewardsAnswerSchema, { module: "points", query: "rewards", parameters: { start: parameters.start, limit: parameters.limit }, signal: parameters.signal });
}
