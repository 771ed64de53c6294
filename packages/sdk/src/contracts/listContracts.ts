import { contractListAnswerSchema } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import type { ApiError, SdkError } from "../errors.ts";
import type { ContractView } from "./types.ts";

export type ListContractsParameters = { readonly signal?: AbortSignal };
export type ListContractsReturnType = readonly ContractView[];
export type ListContractsErrorType = ApiError | SdkError;

/** Every contract ever activated, active or frozen, with its code hash, version and policy. */
export function listContracts(client: Client, parameters: ListContractsParameters = {}): Promise<ListContractsReturnType> {
  return queryAnswer(client, contractListAnswerSchema, { module: "contracts", query: "list", signal: parameters.signal });
}
