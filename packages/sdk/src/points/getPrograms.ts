import { programsAnswerSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetProgramsParameters = { readonly start?: number; readonly limit?: number } & { readonly signal?: AbortSignal };

/** The programs of the points platform in the order registered, a page at a time (`start`, `limit`; the answer's `next` starts the following page). */
export function getPrograms(client: Client, parameters: GetProgramsParameters) {
  return queryAnswer(client, programsAnswerSchema, { module: "points", query: "programs", parameters: { start: parameters.start, limit: parameters.limit }, signal: parameters.signal });
}
