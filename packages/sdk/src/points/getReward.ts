import { rewardRecordSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetRewardParameters = { readonly id: string } & { readonly signal?: AbortSignal };

/** One reward of the catalogue: its program, price, agreement (for a price in partner points) and what is left of its stock. */
export function getReward(client: Client, parameters: GetRewardParameters) {
  return queryAnswer(client, rewardRecordSchema, { module: "points", query: "reward", parameters: { id: parameters.id }, signal: parameters.signal });
}
