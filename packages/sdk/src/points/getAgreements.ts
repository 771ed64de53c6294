import { agreementsAnswerSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetAgreementsParameters = { readonly start?: number; readonly limit?: number } & { readonly signal?: AbortSignal };

/** The exchange agreements in the order proposed, a page at a time. */
export function getAgreements(client: Client, parameters: GetAgreementsParameters) {
  return queryAnswer(client, agreementsAnswerSchema, { module: "points", query: "agreements", parameters: { start: parameters.start, limit: parameters.limit }, signal: parameters.signal });
}
