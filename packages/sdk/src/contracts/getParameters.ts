import { contractsParametersSchema } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import type { ApiError, SdkError } from "../errors.ts";
import type { ContractParametersView } from "./types.ts";

export type GetParametersParameters = { readonly signal?: AbortSignal };
export type GetParametersReturnType = ContractParametersView;
export type GetParametersErrorType = ApiError | SdkError;

/** The contract limits, gas prices and largest gas limit of a call (callGasMax) in force on the chain. */
export function getParameters(client: Client, parameters: GetParametersParameters = {}): Promise<GetParametersReturnType> {
  return queryAnswer(client, contractsParametersSchema, { module: "contracts", query: "parameters", signal: parameters.signal });
}
