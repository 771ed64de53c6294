import { obligationAnswerSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetObligationParameters = { readonly from: string; readonly to: string; readonly height?: number } & { readonly signal?: AbortSignal };

/** What program `from` owes program `to` from exchanges, at `height` (default: the newest block). */
export function getObligation(client: Client, parameters: GetObligationParameters) {
  return queryAnswer(client, obligationAnswerSchema, { module: "points", query: "obligation", parameters: { from: parameters.from, to: parameters.to, height: parameters.height }, signal: parameters.signal });
}
