import type { CommittedTransactionView, TxCall, Wallet } from "@kexin/sdk";
import { client } from "../../api.ts";

/** Blocks come every second or so; a minute means the node is stuck, and the reader should be told. */
const commitTimeoutMs = 60_000;

/**
 * Signs the call here in the browser, submits it and waits for its block. A transaction refused
 * at execution is answered too (its code is in the committed result): it spent the signer's
 * nonce and changed nothing else.
 */
export async function sendAndCommit(wallet: Wallet, call: TxCall): Promise<CommittedTransactionView> {
  const sent = await client.buildAndSend(wallet, call);
  return client.waitForCommit({ hash: sent.hash, timeoutMs: commitTimeoutMs });
}
