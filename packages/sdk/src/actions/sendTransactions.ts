import { toHex } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { type ApiError, type SdkError, invalidParameter } from "../errors.ts";
import { request } from "../transport/request.ts";
import { requireHexBytes } from "../validation.ts";

/** The node's bound on one batch (API_BATCH_TOO_LARGE above it). */
export const transactionsBatchSizeMax = 2_000;

export type SendTransactionsParameters = {
  readonly txs: readonly (Uint8Array | string)[];
  readonly signal?: AbortSignal;
};
export type SendTransactionsResult =
  | { readonly hash: string; readonly status: "pending"; readonly error?: undefined }
  | { readonly error: { readonly code: string; readonly message: string }; readonly hash?: undefined };
export type SendTransactionsReturnType = {
  readonly accepted: number;
  /** One entry per transaction, in order; each is admitted or refused on its own. */
  readonly results: readonly SendTransactionsResult[];
};
export type SendTransactionsErrorType = ApiError | SdkError;

/** Submits up to 2,000 signed transactions in one request: POST /v1/txs/batch. */
export function sendTransactions(client: Client, parameters: SendTransactionsParameters): Promise<SendTransactionsReturnType> {
  if (!Array.isArray(parameters.txs) || parameters.txs.length === 0 || parameters.txs.length > transactionsBatchSizeMax) {
    throw invalidParameter("sendTransactions", "txs", `must hold between 1 and ${transactionsBatchSizeMax} transactions; split larger batches`);
  }
  const txs = parameters.txs.map((tx, index) => (typeof tx === "string" ? requireHexBytes("sendTransactions", `txs[${index}]`, tx) : toHex(tx)));
  return request<SendTransactionsReturnType>(client, { method: "POST", path: "/v1/txs/batch", body: { txs }, signal: parameters.signal });
}
