import { toHex } from "@kexin/core";
import type { TxCall } from "../call.ts";
import type { Client } from "../clients/createClient.ts";
import { type ApiError, type SdkError, invalidParameter } from "../errors.ts";
import { requireCount } from "../validation.ts";
import type { SignedTransaction, Wallet } from "../wallet/wallet.ts";
import { getAccount } from "./getAccount.ts";
import { getStatus } from "./getStatus.ts";

/** How many blocks after the current height a transaction stays valid unless told otherwise. */
export const defaultExpiryBlocks = 100;
const expiryBlocksMax = 1_000_000;

export type PrepareTransactionOptions = {
  /** The transaction may be included up to this many blocks above the current height. */
  readonly expiryBlocks?: number;
  /** Overrides the account's next nonce, e.g. to sign several transactions before sending any. */
  readonly nonce?: number;
  readonly signal?: AbortSignal;
};
export type PrepareTransactionReturnType = SignedTransaction & {
  readonly hashHex: string;
  readonly chainId: string;
  readonly nonce: number;
  readonly expiry: number;
};
export type PrepareTransactionErrorType = ApiError | SdkError;

/** Fills in chainId, nonce and expiry from the node (GET /v1/status, GET /v1/accounts/:address) and signs the call. */
export async function prepareTransaction(
  client: Client,
  wallet: Wallet,
  call: TxCall,
  options: PrepareTransactionOptions = {},
): Promise<PrepareTransactionReturnType> {
  const expiryBlocks = requireCount("prepareTransaction", "expiryBlocks", options.expiryBlocks ?? defaultExpiryBlocks, 1, expiryBlocksMax);
  const [statusOutcome, nonceOutcome] = await Promise.allSettled([
    getStatus(client, { signal: options.signal }),
    options.nonce === undefined
      ? getAccount(client, { address: wallet.address, signal: options.signal }).then((account) => account.nonce)
      : Promise.resolve(requireCount("prepareTransaction", "nonce", options.nonce, 0, Number.MAX_SAFE_INTEGER)),
  ]);
  // Fetched in parallel, but a wrong suite explains more than the account lookup failing for the address it implies.
  if (statusOutcome.status === "rejected") throw statusOutcome.reason;
  const status = statusOutcome.value;
  if (status.suite !== wallet.suite.id) {
    throw invalidParameter("prepareTransaction", "wallet", `uses the ${wallet.suite.id} suite but chain ${status.chainId} uses ${status.suite}; use a ${status.suite} key`);
  }
  if (nonceOutcome.status === "rejected") throw nonceOutcome.reason;
  const nonce = nonceOutcome.value;
  const expiry = status.height + expiryBlocks;
  const signed = wallet.signTx({ chainId: status.chainId, nonce, module: call.module, type: call.type, payload: call.payload, expiry });
  return { ...signed, hashHex: toHex(signed.hash), chainId: status.chainId, nonce, expiry };
}
