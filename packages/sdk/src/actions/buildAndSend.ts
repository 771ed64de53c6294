import type { TxCall } from "../call.ts";
import type { Client } from "../clients/createClient.ts";
import { type ApiError, SdkError } from "../errors.ts";
import type { Wallet } from "../wallet/wallet.ts";
import { type PrepareTransactionOptions, prepareTransaction } from "./prepareTransaction.ts";
import { sendTransaction } from "./sendTransaction.ts";

export type BuildAndSendOptions = PrepareTransactionOptions;
export type BuildAndSendReturnType = {
  readonly hash: string;
  readonly status: "pending";
  readonly chainId: string;
  readonly nonce: number;
  readonly expiry: number;
};
export type BuildAndSendErrorType = ApiError | SdkError;

/** Signs a call with the wallet's next nonce and submits it. Resolves once the mempool admits it; use waitForCommit for the outcome. */
export async function buildAndSend(client: Client, wallet: Wallet, call: TxCall, options: BuildAndSendOptions = {}): Promise<BuildAndSendReturnType> {
  const prepared = await prepareTransaction(client, wallet, call, options);
  const sent = await sendTransaction(client, { tx: prepared.bytes, signal: options.signal });
  // A node that hashes differently would make every later lookup by our hash fail, so stop here.
  if (sent.hash !== prepared.hashHex) {
    const reason = `the node reports hash ${String(sent.hash)} but the transaction hashes to ${prepared.hashHex}`;
    throw new SdkError({ code: "SDK_BAD_RESPONSE", url: client.url, status: 202, reason }, reason);
  }
  return { hash: sent.hash, status: sent.status, chainId: prepared.chainId, nonce: prepared.nonce, expiry: prepared.expiry };
}
