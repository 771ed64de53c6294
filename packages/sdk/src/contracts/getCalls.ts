import { contractCallsAnswerSchema, contractCallsLimitMax } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import { type ApiError, type SdkError, invalidParameter } from "../errors.ts";
import type { ContractCallsView } from "./types.ts";
import { requireContractName } from "./validation.ts";

export type GetCallsParameters = {
  readonly contract: string;
  /** How many calls to answer, newest first: 1 to 100; the node's default (20) when absent. */
  readonly limit?: number;
  readonly signal?: AbortSignal;
};
export type GetCallsReturnType = ContractCallsView;
/** ApiError CONTRACT_NOT_FOUND (404) for a name no contract has. */
export type GetCallsErrorType = ApiError | SdkError;

/** A contract's recent successful calls, newest first, each with its transaction (for its receipt), caller and gas used. */
export function getCalls(client: Client, parameters: GetCallsParameters): Promise<GetCallsReturnType> {
  const context = "contracts.calls";
  const contract = requireContractName(context, "contract", parameters.contract);
  const { limit } = parameters;
  if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 1 || limit > contractCallsLimitMax)) {
    throw invalidParameter(context, "limit", `must be a whole number from 1 to ${contractCallsLimitMax}, got ${String(limit)}`);
  }
  return queryAnswer(client, contractCallsAnswerSchema, { module: "contracts", query: "calls", parameters: { contract, limit }, signal: parameters.signal });
}
