import { recordsAnswerSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetRecordsParameters = { readonly dataset: string; readonly start?: number; readonly limit?: number } & { readonly signal?: AbortSignal };

/** The records published to a dataset in the order published, a page at a time (`start`, `limit`; the answer's `next` starts the following page). */
export function getRecords(client: Client, parameters: GetRecordsParameters) {
  return queryAnswer(client, recordsAnswerSchema, { module: "datashare", query: "records", parameters: { dataset: parameters.dataset, start: parameters.start, limit: parameters.limit }, signal: parameters.signal });
}
