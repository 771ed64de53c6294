import { toHex } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import type { ApiError, SdkError } from "../errors.ts";
import { request } from "../transport/request.ts";
import { requireHexBytes } from "../validation.ts";

export type SendTransactionParameters = {
  /** The signed transaction's canonical CBOR, as bytes or hex. */
  readonly tx: Uint8Array | string;
  readonly signal?: AbortSignal;
};
export type SendTransactionReturnType = { readonly hash: string; readonly status: "pending" };
/** ApiError with a TX_*, CODEC_* or MEMPOOL_FULL code when the node refuses the transaction. */
export type SendTransactionErrorType = ApiError | SdkError;

/** Submits one signed transaction to the mempool: POST /v1/txs. Resolves once admitted, not committed. */
export function sendTransaction(client: Client, parameters: SendTransactionParameters): Promise<SendTransactionReturnType> {
  const tx = typeof parameters.tx === "string" ? requireHexBytes("sendTransaction", "tx", parameters.tx) : toHex(parameters.tx);
  return request<SendTransactionReturnType>(client, { method: "POST", path: "/v1/txs", body: { tx }, signal: parameters.signal });
}
