import { recordsAnswerSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetRecordsParameters = { readonly dataset: string; readonly limit?: number } & { readonly signal?: AbortSignal };

/** The records published to a dataset, by record id. */
export function getRecords(client: Client, parameters: GetRecordsParameters) {
  return queryAnswer(client, recordsAnswerSchema, { module: "datashare", query: "records", parameters: { dataset: parameters.dataset, limit: parameters.limit }, signal: parameters.signal });
}
