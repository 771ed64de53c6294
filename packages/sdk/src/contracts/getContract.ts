import { contractDetailSchema } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import type { ApiError, SdkError } from "../errors.ts";
import type { ContractDetailView } from "./types.ts";
import { requireContractName } from "./validation.ts";

export type GetContractParameters = { readonly name: string; readonly signal?: AbortSignal };
export type GetContractReturnType = ContractDetailView;
/** ApiError CONTRACT_NOT_FOUND (404) for a name no contract has. */
export type GetContractErrorType = ApiError | SdkError;

/** One contract with its declared methods and their argument schemas. */
export function getContract(client: Client, parameters: GetContractParameters): Promise<GetContractReturnType> {
  const name = requireContractName("contracts.get", "name", parameters.name);
  return queryAnswer(client, contractDetailSchema, { module: "contracts", query: "get", parameters: { name }, signal: parameters.signal });
}
