import { BenchFailure } from "./errors.ts";
import { summariseLatencies } from "./stats.ts";
import { sleep } from "./wait.ts";

export interface LedgerFigures {
  readonly txs: number;
  readonly committed: number;
  /** committed / (last commit − first submit), in transactions per second. */
  readonly committedTps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly spanMs: number;
}

export interface CommitWaitOptions {
  /** Upper bound on the whole wait. */
  readonly timeoutMs: number;
  /** Fail early when no new commit has been seen for this long. */
  readonly stallMs: number;
  /** Called between checks; throwing ends the wait (e.g. the node process died). */
  readonly abortIf?: () => void;
}

/**
 * The measured workload's timeline: when each transaction was first submitted and when the
 * block containing it was announced. Times are performance.now() milliseconds of this process,
 * a monotonic clock, so wall-clock adjustments during a run cannot distort the figures.
 */
export class TxLedger {
  readonly submitAtMs: Float64Array;
  readonly commitAtMs: Float64Array;
  private readonly indexByHash = new Map<string, number>();
  private committedCount = 0;
  private lastProgressAtMs = performance.now();

  constructor(hashes: readonly string[]) {
    this.submitAtMs = new Float64Array(hashes.length).fill(Number.NaN);
    this.commitAtMs = new Float64Array(hashes.length).fill(Number.NaN);
    hashes.forEach((hash, index) => {
      if (this.indexByHash.has(hash)) throw new BenchFailure(`the workload contains the transaction ${hash} twice`);
      this.indexByHash.set(hash, index);
    });
  }

  get size(): number {
    return this.submitAtMs.length;
  }

  get committed(): number {
    return this.committedCount;
  }

  /** Keeps the first submission time: a resubmitted transaction's latency counts from its first attempt. */
  markSubmitted(index: number, atMs: number): void {
    if (Number.isNaN(this.submitAtMs[index] as number)) this.submitAtMs[index] = atMs;
  }

  /** Returns false for transactions outside the workload (setup traffic, other clients) and repeats. */
  markCommitted(hash: string, atMs: number): boolean {
    const index = this.indexByHash.get(hash);
    if (index === undefined || !Number.isNaN(this.commitAtMs[index] as number)) return false;
    this.commitAtMs[index] = atMs;
    this.committedCount++;
    this.lastProgressAtMs = performance.now();
    return true;
  }

  has(hash: string): boolean {
    return this.indexByHash.has(hash);
  }

  async waitAllCommitted(options: CommitWaitOptions, onProgress?: (committed: number) => void): Promise<void> {
    const startMs = performance.now();
    this.lastProgressAtMs = Math.max(this.lastProgressAtMs, startMs);
    let reportedAtMs = startMs;
    while (this.committedCount < this.size) {
      options.abortIf?.();
      const nowMs = performance.now();
      if (nowMs - startMs > options.timeoutMs) {
        throw new BenchFailure(`only ${this.committedCount} of ${this.size} transactions committed within ${options.timeoutMs} ms`);
      }
      if (nowMs - this.lastProgressAtMs > options.stallMs) {
        throw new BenchFailure(`commits stalled at ${this.committedCount} of ${this.size}: nothing new for ${options.stallMs} ms`);
      }
      if (onProgress !== undefined && nowMs - reportedAtMs >= 2_000) {
        onProgress(this.committedCount);
        reportedAtMs = nowMs;
      }
      await sleep(20);
    }
  }

  figures(): LedgerFigures {
    let firstSubmitMs = Number.POSITIVE_INFINITY;
    let lastCommitMs = Number.NEGATIVE_INFINITY;
    const latencies: number[] = [];
    for (let index = 0; index < this.size; index++) {
      const submitMs = this.submitAtMs[index] as number;
      const commitMs = this.commitAtMs[index] as number;
      if (!Number.isNaN(submitMs)) firstSubmitMs = Math.min(firstSubmitMs, submitMs);
      if (Number.isNaN(commitMs)) continue;
      lastCommitMs = Math.max(lastCommitMs, commitMs);
      // A block can be announced before the HTTP answer that carried its transaction returns,
      // never before the request left; a missing submit time would be a bench bug.
      if (Number.isNaN(submitMs)) throw new BenchFailure(`transaction #${index} committed but has no submit time`);
      latencies.push(commitMs - submitMs);
    }
    const spanMs = lastCommitMs - firstSubmitMs;
    const summary = summariseLatencies(Float64Array.from(latencies));
    return {
      txs: this.size,
      committed: this.committedCount,
      committedTps: spanMs > 0 ? (this.committedCount * 1000) / spanMs : Number.NaN,
      p50Ms: summary.p50Ms,
      p99Ms: summary.p99Ms,
      maxMs: summary.maxMs,
      spanMs,
    };
  }
}
