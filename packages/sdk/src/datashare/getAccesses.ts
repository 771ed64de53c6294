import { accessesAnswerSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetAccessesParameters = ({ readonly dataset: string } | { readonly organisation: string }) & { readonly start?: number; readonly limit?: number; readonly signal?: AbortSignal };

/** The audited accesses of a dataset, or by an organisation, oldest first: who, when, for what purpose, which transaction. */
export function getAccesses(client: Client, parameters: GetAccessesParameters) {
  const selector = "dataset" in parameters ? { dataset: parameters.dataset } : { organisation: parameters.organisation };
  return queryAnswer(client, accessesAnswerSchema, { module: "datashare", query: "accesses", parameters: { ...selector, start: parameters.start, limit: parameters.limit }, signal: parameters.signal });
}
