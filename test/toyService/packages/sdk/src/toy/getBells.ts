import { type ToyBellsAnswer, toyBellsAnswerSchema, toyModuleName } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";

export type GetBellsParameters = { readonly signal?: AbortSignal };
export type GetBellsReturnType = ToyBellsAnswer;

/** How many times the bell has rung, and the last note left with it. */
export function getBells(client: Client, parameters: GetBellsParameters = {}): Promise<GetBellsReturnType> {
  return queryAnswer(client, toyBellsAnswerSchema, { module: toyModuleName, query: "bells", signal: parameters.signal });
}
