import { contractCallAnswerSchema, encodeCanonical, toHex } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import type { ApiError, SdkError } from "../errors.ts";
import type { ContractQueryView } from "./types.ts";
import { requireContractName, requireContractValue, requireMethodName } from "./validation.ts";

export type QueryContractParameters = {
  readonly contract: string;
  /** A method the contract declares readOnly. */
  readonly method: string;
  readonly args?: unknown;
  readonly signal?: AbortSignal;
};
export type QueryContractReturnType = ContractQueryView;
/** ApiError with the CONTRACT_ code when the node refuses or the method fails (CONTRACT_NOT_FOUND, CONTRACT_ARGS_INVALID, CONTRACT_OUT_OF_GAS, …). */
export type QueryContractErrorType = ApiError | SdkError;

/** Runs a readOnly method against committed state, signing nothing: GET /v1/query/contracts/query with the arguments as hex of canonical CBOR. */
export function queryContract(client: Client, parameters: QueryContractParameters): Promise<QueryContractReturnType> {
  const context = "contracts.query";
  const contract = requireContractName(context, "contract", parameters.contract);
  const method = requireMethodName(context, "method", parameters.method);
  const args = toHex(encodeCanonical(requireContractValue(context, "args", parameters.args ?? {})));
  return queryAnswer(client, contractCallAnswerSchema, { module: "contracts", query: "query", parameters: { contract, method, args }, signal: parameters.signal });
}
