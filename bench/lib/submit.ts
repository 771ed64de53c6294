import { BenchFailure } from "./errors.ts";
import type { TxLedger } from "./ledger.ts";
import { type ResultValue, log } from "./output.ts";
import { sleep } from "./wait.ts";

/** One pre-signed transaction ready to send: `wire` is whatever the target puts on the wire. */
export interface SubmitItem {
  /** Position in the ledger. */
  readonly index: number;
  readonly sender: number;
  readonly wire: string;
}

/**
 * How the target answered one transaction of a batch.
 * - retry: refused for lack of room (a full mempool); sending it again later is expected to work.
 * - gap: refused for a nonce gap; retried only when an earlier transaction of the same sender
 *   in that batch was itself retried (the gap is then ours), otherwise counted as rejected.
 */
export type TxOutcome =
  | { readonly kind: "accepted" }
  | { readonly kind: "retry"; readonly code: string }
  | { readonly kind: "gap"; readonly code: string; readonly message: string }
  | { readonly kind: "rejected"; readonly code: string; readonly message: string };

/** Thrown by a target when the whole batch was turned away for lack of room (e.g. HTTP 503); the batch is sent again. */
export class RetryBatchError extends Error {
  override readonly name = "RetryBatchError";
}

export interface SubmitTarget {
  /** Must return exactly one outcome per item, in order. */
  sendBatch(items: readonly SubmitItem[]): Promise<readonly TxOutcome[]>;
}

export interface SubmitOptions {
  readonly batchSize: number;
  readonly concurrency: number;
  /** Bound on the whole submission phase. */
  readonly timeoutMs: number;
  /** Extra fields for the periodic progress line (e.g. blocks announced so far). */
  readonly progressFields?: () => { readonly [field: string]: ResultValue };
}

export interface SubmitReport {
  readonly accepted: number;
  readonly rejected: number;
  readonly retried: number;
  readonly rejectedByCode: { readonly [code: string]: number };
  /** The first few refusals in full, for the error message. */
  readonly rejectionSamples: readonly string[];
}

const retryAttemptsMax = 200;
const retryBackoffFirstMs = 20;
const retryBackoffMaxMs = 1_000;
const rejectionSamplesMax = 5;
const progressIntervalMs = 5_000;

/**
 * Splits senders over `concurrency` lanes (sender s → lane s mod concurrency). Each lane sends
 * its batches one after another, so a sender's transactions always arrive in nonce order even
 * though the lanes run concurrently: a node that refuses nonce gaps never sees one from us.
 * Within a lane, transactions are interleaved round-robin by nonce over the lane's senders.
 */
export function planLanes(bySender: readonly (readonly SubmitItem[])[], concurrency: number): SubmitItem[][] {
  const lanes: SubmitItem[][] = Array.from({ length: concurrency }, () => []);
  for (let laneIndex = 0; laneIndex < concurrency; laneIndex++) {
    const senders = bySender.filter((_items, sender) => sender % concurrency === laneIndex);
    const rounds = Math.max(0, ...senders.map((items) => items.length));
    const lane = lanes[laneIndex] as SubmitItem[];
    for (let round = 0; round < rounds; round++) {
      for (const items of senders) {
        const item = items[round];
        if (item !== undefined) lane.push(item);
      }
    }
  }
  return lanes;
}

/**
 * Like planLanes, for a target made of several nodes where each sender is bound to one of them
 * (`targetOfSender`): a lane lays out its transactions in runs of `batchSize` that all go to the
 * same node, and takes the nodes in turn, starting at a different node in each lane. Consecutive
 * batches of a lane therefore go to the nodes round-robin while every sender's nonces still reach
 * a single mempool in order (a mempool that refuses nonce gaps would otherwise see gaps whenever
 * gossip from the previous node is slower than our next request).
 */
export function planLanesOverTargets(
  bySender: readonly (readonly SubmitItem[])[],
  concurrency: number,
  batchSize: number,
  targets: number,
  targetOfSender: (sender: number) => number,
): SubmitItem[][] {
  return planLanes(bySender, concurrency).map((lane, laneIndex) => {
    const perTarget: SubmitItem[][] = Array.from({ length: targets }, () => []);
    for (const item of lane) (perTarget[targetOfSender(item.sender)] as SubmitItem[]).push(item);
    const runs: SubmitItem[] = [];
    const offsets = perTarget.map(() => 0);
    for (let turn = laneIndex; runs.length < lane.length; turn++) {
      const target = turn % targets;
      const items = perTarget[target] as SubmitItem[];
      const offset = offsets[target] as number;
      runs.push(...items.slice(offset, offset + batchSize));
      offsets[target] = offset + batchSize;
    }
    return runs;
  });
}

export function submitInLanes(
  bySender: readonly (readonly SubmitItem[])[],
  ledger: TxLedger,
  target: SubmitTarget,
  options: SubmitOptions,
): Promise<SubmitReport> {
  return submitPlannedLanes(planLanes(bySender, options.concurrency), ledger, target, options);
}

/** Sends each lane's items in order, in batches of `batchSize`, all lanes at once. */
export async function submitPlannedLanes(
  lanes: readonly (readonly SubmitItem[])[],
  ledger: TxLedger,
  target: SubmitTarget,
  options: SubmitOptions,
): Promise<SubmitReport> {
  const deadlineMs = performance.now() + options.timeoutMs;
  const rejectedByCode: Record<string, number> = {};
  const rejectionSamples: string[] = [];
  let accepted = 0;
  let rejected = 0;
  let retried = 0;
  // Once one lane fails the run is lost; the others stop at their next batch instead of sending into a dying target.
  let failed = false;

  const reject = (item: SubmitItem, code: string, message: string): void => {
    rejected++;
    rejectedByCode[code] = (rejectedByCode[code] ?? 0) + 1;
    if (rejectionSamples.length < rejectionSamplesMax) rejectionSamples.push(`tx #${item.index} (sender ${item.sender}): ${code}: ${message}`);
  };

  const runLane = async (initial: readonly SubmitItem[], laneIndex: number): Promise<void> => {
    let queue: readonly SubmitItem[] = initial;
    let position = 0;
    let attempts = 0;
    while (position < queue.length && !failed) {
      if (performance.now() > deadlineMs) throw new BenchFailure(`submission did not finish within ${options.timeoutMs} ms`);
      const batch = queue.slice(position, position + options.batchSize);
      position += batch.length;
      const sentAtMs = performance.now();
      for (const item of batch) ledger.markSubmitted(item.index, sentAtMs);

      let outcomes: readonly TxOutcome[];
      try {
        outcomes = await target.sendBatch(batch);
      } catch (error) {
        if (!(error instanceof RetryBatchError)) throw error;
        outcomes = batch.map(() => ({ kind: "retry", code: error.message }));
      }
      if (outcomes.length !== batch.length) {
        throw new BenchFailure(`the target answered ${outcomes.length} results for a batch of ${batch.length}`);
      }

      const retrySenders = new Set<number>();
      const again: SubmitItem[] = [];
      outcomes.forEach((outcome, offset) => {
        const item = batch[offset] as SubmitItem;
        if (outcome.kind === "accepted") accepted++;
        else if (outcome.kind === "retry" || (outcome.kind === "gap" && retrySenders.has(item.sender))) {
          retrySenders.add(item.sender);
          again.push(item);
        } else reject(item, outcome.code, outcome.message);
      });
      if (again.length === 0) {
        attempts = 0;
        continue;
      }
      // Resend the refused transactions before the rest of the lane; their relative order is kept, so per-sender nonce order holds.
      retried += again.length;
      attempts++;
      if (attempts > retryAttemptsMax) throw new BenchFailure(`the target kept refusing transactions for lack of room after ${retryAttemptsMax} attempts`);
      queue = [...again, ...queue.slice(position)];
      position = 0;
      const backoffMs = Math.min(retryBackoffMaxMs, retryBackoffFirstMs * 2 ** Math.min(attempts, 10));
      if (attempts === 1 || attempts % 10 === 0) log("target is full; backing off", { lane: laneIndex, waiting: again.length, backoffMs });
      await sleep(backoffMs);
    }
  };

  const progress = setInterval(
    () => log("submitting", { accepted, rejected, retried, txs: ledger.size, committed: ledger.committed, ...options.progressFields?.() }),
    progressIntervalMs,
  );
  try {
    await Promise.all(
      lanes.map((lane, laneIndex) =>
        runLane(lane, laneIndex).catch((error: unknown) => {
          failed = true;
          throw error;
        }),
      ),
    );
  } finally {
    clearInterval(progress);
  }
  return { accepted, rejected, retried, rejectedByCode, rejectionSamples };
}

/** Fails loudly if any transaction of the measured workload was refused. */
export function assertNoRejections(report: SubmitReport, what: string): void {
  if (report.rejected === 0) return;
  throw new BenchFailure(
    `${report.rejected} ${what} transactions were refused ${JSON.stringify(report.rejectedByCode)}; first refusals:\n  ${report.rejectionSamples.join("\n  ")}`,
  );
}
