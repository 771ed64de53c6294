import { contractCodeAnswerSchema } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import type { ApiError, SdkError } from "../errors.ts";
import { requireHash } from "../validation.ts";
import type { ContractCodeView } from "./types.ts";

export type GetCodeParameters = {
  /** The code hash, 64 hex digits, as a contract or a proposal names it. */
  readonly hash: string;
  readonly signal?: AbortSignal;
};
export type GetCodeReturnType = ContractCodeView;
export type GetCodeErrorType = ApiError | SdkError;

/** The source text of stored code, by its hash: what the consortium approved, to read or rebuild and compare. */
export function getCode(client: Client, parameters: GetCodeParameters): Promise<GetCodeReturnType> {
  const hash = requireHash("contracts.code", "hash", parameters.hash);
  return queryAnswer(client, contractCodeAnswerSchema, { module: "contracts", query: "code", parameters: { hash }, signal: parameters.signal });
}
