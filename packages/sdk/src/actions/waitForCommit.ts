import type { Client } from "../clients/createClient.ts";
import { ApiError, SdkError } from "../errors.ts";
import { delay } from "../delay.ts";
import type { CommittedTransactionView } from "../types.ts";
import { requireCount, requireHash } from "../validation.ts";
import { getTransaction } from "./getTransaction.ts";

export const defaultWaitForCommitTimeoutMs = 30_000;
const pollIntervalMsFirst = 50;
const pollIntervalMsMax = 1_000;
const waitTimeoutMsMax = 24 * 60 * 60 * 1_000;

export type WaitForCommitParameters = {
  readonly hash: string;
  /** Give up after this long; defaults to 30 s. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
};
/** Committed means final: its result may still be "failed", which the caller must check. */
export type WaitForCommitReturnType = CommittedTransactionView;
/** SdkError SDK_WAIT_TIMEOUT when the deadline passes; the signal's reason when aborted. */
export type WaitForCommitErrorType = ApiError | SdkError;

/** Answers that mean "not yet" rather than "never": the tx may not have reached this node, or the node is starting. */
function isRetryable(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.code === "TX_NOT_FOUND" || error.status === 503);
}

/**
 * Polls GET /v1/txs/:hash until the transaction is committed, starting at 50 ms and doubling up
 * to 1 s between polls, so a fast chain answers quickly without a slow one being hammered.
 */
export async function waitForCommit(client: Client, parameters: WaitForCommitParameters): Promise<WaitForCommitReturnType> {
  const hash = requireHash("waitForCommit", "hash", parameters.hash);
  const timeoutMs = requireCount("waitForCommit", "timeoutMs", parameters.timeoutMs ?? defaultWaitForCommitTimeoutMs, 1, waitTimeoutMsMax);
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = parameters.signal ? AbortSignal.any([parameters.signal, deadline]) : deadline;
  let lastStatus = "not queried yet";
  let intervalMs = pollIntervalMsFirst;
  while (!signal.aborted) {
    try {
      const view = await getTransaction(client, { hash, signal });
      if (view.status === "committed") return view;
      lastStatus = view.status;
    } catch (error) {
      if (signal.aborted) break;
      if (!isRetryable(error)) throw error;
      lastStatus = error.code;
    }
    await delay(intervalMs, signal);
    intervalMs = Math.min(intervalMs * 2, pollIntervalMsMax);
  }
  if (parameters.signal?.aborted) throw parameters.signal.reason;
  throw new SdkError(
    { code: "SDK_WAIT_TIMEOUT", hash, timeoutMs, lastStatus },
    `transaction ${hash} was not committed within ${timeoutMs} ms (last seen: ${lastStatus}); ` +
      "check the node's height with getStatus, or wait longer",
  );
}
