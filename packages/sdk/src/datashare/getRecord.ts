import { sharedRecordSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetRecordParameters = { readonly id: string } & { readonly signal?: AbortSignal };

/** One published record: its dataset, ciphertext hash and size, subject reference and publisher. */
export function getRecord(client: Client, parameters: GetRecordParameters) {
  return queryAnswer(client, sharedRecordSchema, { module: "datashare", query: "record", parameters: { id: parameters.id }, signal: parameters.signal });
}
