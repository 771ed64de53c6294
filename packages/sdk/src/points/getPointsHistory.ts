import { pointsHistoryAnswerSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetPointsHistoryParameters = ({ readonly address: string } | { readonly program: string }) & { readonly start?: number; readonly limit?: number; readonly signal?: AbortSignal };

/** The changes of a member's points, or of a program's, oldest first: issued, received, sent, burnt, exchanged out and in. */
export function getPointsHistory(client: Client, parameters: GetPointsHistoryParameters) {
  const selector = "address" in parameters ? { address: parameters.address } : { program: parameters.program };
  return queryAnswer(client, pointsHistoryAnswerSchema, { module: "points", query: "history", parameters: { ...selector, start: parameters.start, limit: parameters.limit }, signal: parameters.signal });
}
