import { stakingEpochAnswerSchema } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";

const epochAnswerSchema = Type.Union([stakingEpochAnswerSchema, Type.Null()]);

export type GetEpochParameters = { readonly signal?: AbortSignal };
export type GetEpochReturnType = ReturnType<typeof queryAnswer<typeof epochAnswerSchema>>;

/** The current epoch, its validators, the next epoch's and the last election; null when the chain does not elect by stake. */
export function getEpoch(client: Client, parameters: GetEpochParameters = {}): GetEpochReturnType {
  return queryAnswer(client, epochAnswerSchema, { module: "staking", query: "epoch", signal: parameters.signal });
}
