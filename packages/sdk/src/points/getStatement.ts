import { statementAnswerSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetStatementParameters = { readonly period: number; readonly merchant: string } & { readonly signal?: AbortSignal };

/** A merchant's statement of a settlement period: what it owes and is owed per partner before netting, its net position, and the payments it makes or receives. */
export function getStatement(client: Client, parameters: GetStatementParameters) {
  return queryAnswer(client, statementAnswerSchema, { module: "points", query: "statement", parameters: { period: parameters.period, merchant: parameters.merchant }, signal: parameters.signal });
}
