import { datasetsAnswerSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetDatasetsParameters = { readonly start?: number; readonly limit?: number } & { readonly signal?: AbortSignal };

/** The catalogue in the order registered, a page at a time (`start`, `limit`; the answer's `next` starts the following page). */
export function getDatasets(client: Client, parameters: GetDatasetsParameters) {
  return queryAnswer(client, datasetsAnswerSchema, { module: "datashare", query: "datasets", parameters: { start: parameters.start, limit: parameters.limit }, signal: parameters.signal });
}
