import { stakingJailedSchema } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";

const jailedAnswerSchema = Type.Array(stakingJailedSchema);

export type GetJailedParameters = { readonly epoch?: number; readonly signal?: AbortSignal };
export type GetJailedReturnType = ReturnType<typeof queryAnswer<typeof jailedAnswerSchema>>;

/** Validators sitting out an epoch (default: the current) for missed proposer turns. */
export function getJailed(client: Client, parameters: GetJailedParameters = {}): GetJailedReturnType {
  const query = parameters.epoch === undefined ? {} : { epoch: String(parameters.epoch) };
  return queryAnswer(client, jailedAnswerSchema, { module: "staking", query: "jailed", parameters: query, signal: parameters.signal });
}
