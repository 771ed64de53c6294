import { settlementPeriodsAnswerSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetSettlementPeriodsParameters = { readonly start?: number; readonly limit?: number } & { readonly signal?: AbortSignal };

/** The settlement periods, oldest first, each summed up (lines, payments, fen paid, payments not yet settled), a page at a time. */
export function getSettlementPeriods(client: Client, parameters: GetSettlementPeriodsParameters) {
  return queryAnswer(client, settlementPeriodsAnswerSchema, { module: "points", query: "periods", parameters: { start: parameters.start, limit: parameters.limit }, signal: parameters.signal });
}
