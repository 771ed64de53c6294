import { redemptionRecordSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetRedemptionParameters = { readonly id: string } & { readonly signal?: AbortSignal };

/** One redemption, by the hash of its transaction: what was paid and from which lots, and whether it is pending, confirmed or refunded. */
export function getRedemption(client: Client, parameters: GetRedemptionParameters) {
  return queryAnswer(client, redemptionRecordSchema, { module: "points", query: "redemption", parameters: { id: parameters.id }, signal: parameters.signal });
}
