import { programAnswerSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetProgramParameters = { readonly id: string } & { readonly signal?: AbortSignal };

/** One program of the points platform: names, face value, expiry policy, transferability, merchant. */
export function getProgram(client: Client, parameters: GetProgramParameters) {
  return queryAnswer(client, programAnswerSchema, { module: "points", query: "program", parameters: { id: parameters.id }, signal: parameters.signal });
}
