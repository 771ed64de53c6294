import { settlementPeriodSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetSettlementPeriodParameters = { readonly number: number } & { readonly signal?: AbortSignal };

/** One settlement period: its lines, each merchant's position, the payments after netting and their confirmations. */
export function getSettlementPeriod(client: Client, parameters: GetSettlementPeriodParameters) {
  return queryAnswer(client, settlementPeriodSchema, { module: "points", query: "period", parameters: { number: parameters.number }, signal: parameters.signal });
}
