import { type BalanceAnswer, balanceAnswerSchema } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import { requireAddress, requireText } from "../validation.ts";

export type GetBalanceParameters = { readonly address: string; readonly program: string; readonly signal?: AbortSignal };
export type GetBalanceReturnType = BalanceAnswer;

/** How many points of `program` an address holds. */
export function getBalance(client: Client, parameters: GetBalanceParameters): Promise<GetBalanceReturnType> {
  const address = requireAddress("points.balance", "address", parameters.address);
  const program = requireText("points.balance", "program", parameters.program, 64);
  return queryAnswer(client, balanceAnswerSchema, { module: "points", query: "balance", parameters: { address, program }, signal: parameters.signal });
}
