import { redemptionsAnswerSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetRedemptionsParameters = ({ readonly address: string } | { readonly program: string }) & { readonly start?: number; readonly limit?: number; readonly signal?: AbortSignal };

/** The redemptions by a member, or of a program's rewards (a merchant's queue to confirm or refund), oldest first. */
export function getRedemptions(client: Client, parameters: GetRedemptionsParameters) {
  const selector = "address" in parameters ? { address: parameters.address } : { program: parameters.program };
  return queryAnswer(client, redemptionsAnswerSchema, { module: "points", query: "redemptions", parameters: { ...selector, start: parameters.start, limit: parameters.limit }, signal: parameters.signal });
}
