import { memberBalancesAnswerSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetMemberBalancesParameters = { readonly address: string; readonly start?: number; readonly limit?: number } & { readonly signal?: AbortSignal };

/** A member's live balance and lots (with the day each expires) of every program it ever held, a page of programs at a time. */
export function getMemberBalances(client: Client, parameters: GetMemberBalancesParameters) {
  return queryAnswer(client, memberBalancesAnswerSchema, { module: "points", query: "member_balances", parameters: { address: parameters.address, start: parameters.start, limit: parameters.limit }, signal: parameters.signal });
}
