import { grantsAnswerSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetGrantsParameters = { readonly dataset: string; readonly limit?: number } & { readonly signal?: AbortSignal };

/** The grants of a dataset, revoked ones included, with the accesses each has used. */
export function getGrants(client: Client, parameters: GetGrantsParameters) {
  return queryAnswer(client, grantsAnswerSchema, { module: "datashare", query: "grants", parameters: { dataset: parameters.dataset, limit: parameters.limit }, signal: parameters.signal });
}
