import type { CommittedTransactionView, TxCall, Wallet } from "@kexin/sdk";
import { client } from "../../api.ts";

export type SignPhase = "signing" | "committing";

/** Blocks come every second or so; a minute means the node is stuck, and the admin should be told. */
const commitTimeoutMs = 60_000;

/** The transaction was committed, but execution refused it (GOVERNANCE_ALREADY_APPROVED, …): it changed nothing beyond the nonce. */
export class RefusedOnChainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Signs a governance transaction with the admin's key here in the browser, submits it and waits for its block. */
export async function signAndCommit(wallet: Wallet, call: TxCall, onPhase: (phase: SignPhase) => void): Promise<CommittedTransactionView> {
  onPhase("signing");
  const sent = await client.buildAndSend(wallet, call);
  onPhase("committing");
  const committed = await client.waitForCommit({ hash: sent.hash, timeoutMs: commitTimeoutMs });
  if (committed.result.status !== "ok") throw new RefusedOnChainError(committed.result.code, committed.result.message);
  return committed;
}
