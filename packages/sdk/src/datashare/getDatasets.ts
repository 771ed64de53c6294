import { datasetsAnswerSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetDatasetsParameters = { readonly limit?: number } & { readonly signal?: AbortSignal };

/** The catalogue: registered datasets by id. */
export function getDatasets(client: Client, parameters: GetDatasetsParameters) {
  return queryAnswer(client, datasetsAnswerSchema, { module: "datashare", query: "datasets", parameters: { limit: parameters.limit }, signal: parameters.signal });
}
