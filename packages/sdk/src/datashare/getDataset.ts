import { datasetRecordSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetDatasetParameters = { readonly id: string } & { readonly signal?: AbortSignal };

/** One dataset of the catalogue: its title, record schema, classification, owner and price. */
export function getDataset(client: Client, parameters: GetDatasetParameters) {
  return queryAnswer(client, datasetRecordSchema, { module: "datashare", query: "dataset", parameters: { id: parameters.id }, signal: parameters.signal });
}
