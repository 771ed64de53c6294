import { exchangeQuoteAnswerSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetExchangeQuoteParameters = { readonly agreement: string; readonly amount: number; readonly address?: string } & { readonly signal?: AbortSignal };

/** A live quote of an exchange: the fee, the points received, the value owed, what the daily caps leave (for `address` when given) and the refusal the exchange would meet now, or null. */
export function getExchangeQuote(client: Client, parameters: GetExchangeQuoteParameters) {
  return queryAnswer(client, exchangeQuoteAnswerSchema, { module: "points", query: "quote", parameters: { agreement: parameters.agreement, amount: parameters.amount, address: parameters.address }, signal: parameters.signal });
}
