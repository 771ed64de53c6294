import { statementTransactionsAnswerSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetStatementTransactionsParameters = { readonly period: number; readonly from: string; readonly to: string; readonly start?: number; readonly limit?: number } & { readonly signal?: AbortSignal };

/** The transactions behind one line of a settlement period (what program `from` came to owe program `to`), each with the fen it changed, oldest first. */
export function getStatementTransactions(client: Client, parameters: GetStatementTransactionsParameters) {
  return queryAnswer(client, statementTransactionsAnswerSchema, {
    module: "points",
    query: "statement_transactions",
    parameters: { period: parameters.period, from: parameters.from, to: parameters.to, start: parameters.start, limit: parameters.limit },
    signal: parameters.signal,
  });
}
