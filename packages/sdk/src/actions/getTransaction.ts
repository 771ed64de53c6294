import type { Client } from "../clients/createClient.ts";
import type { ApiError, SdkError } from "../errors.ts";
import { request } from "../transport/request.ts";
import type { TransactionView } from "../types.ts";
import { requireHash } from "../validation.ts";

export type GetTransactionParameters = { readonly hash: string; readonly signal?: AbortSignal };
export type GetTransactionReturnType = TransactionView;
/** ApiError TX_NOT_FOUND (404) when the node has neither committed nor queued the transaction. */
export type GetTransactionErrorType = ApiError | SdkError;

/** A transaction's status; once committed, with its result and a receipt checkable offline: GET /v1/txs/:hash. */
export function getTransaction(client: Client, parameters: GetTransactionParameters): Promise<GetTransactionReturnType> {
  const hash = requireHash("getTransaction", "hash", parameters.hash);
  return request<TransactionView>(client, { method: "GET", path: `/v1/txs/${hash}`, signal: parameters.signal });
}
