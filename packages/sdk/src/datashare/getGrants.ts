import { grantsAnswerSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetGrantsParameters = { readonly dataset: string; readonly start?: number; readonly limit?: number } & { readonly signal?: AbortSignal };

/** The grants of a dataset in the order first granted, revoked ones included, with the accesses each has used; a page at a time. */
export function getGrants(client: Client, parameters: GetGrantsParameters) {
  return queryAnswer(client, grantsAnswerSchema, { module: "datashare", query: "grants", parameters: { dataset: parameters.dataset, start: parameters.start, limit: parameters.limit }, signal: parameters.signal });
}
