import { BenchFailure } from "../errors.ts";
import { log, round } from "../output.ts";
import { SeededRandom } from "../random.ts";
import { type LatencySummary, summariseLatencies } from "../stats.ts";
import { withTimeout } from "../wait.ts";
import type { Account, TxSigner } from "./accounts.ts";
import type { KexinApi } from "./api.ts";
import type { BlockFeed } from "./blocks.ts";

export interface RoundTripWorkload {
  readonly count: number;
  readonly seed: string;
  /** The points program (organisation id) the senders hold. */
  readonly program: string;
  /** Bound on one transaction's wait for its block. */
  readonly timeoutMs: number;
}

export interface RoundTripRun {
  /** Submission (POST /v1/txs leaving) → announcement of the block holding the transaction. */
  readonly latency: LatencySummary;
  readonly sentBySender: readonly number[];
}

/**
 * Latency as one user feels it: a single transfer is signed, sent with POST /v1/txs, and waited
 * for until its block is announced; only then does the next one leave, so the node is idle but
 * for it. Signing happens before the clock starts.
 */
export async function measureRoundTrips(
  api: KexinApi,
  signer: TxSigner,
  senders: readonly Account[],
  feed: BlockFeed,
  workload: RoundTripWorkload,
  abortIf: () => void,
): Promise<RoundTripRun> {
  const recipients = new SeededRandom(workload.seed, "kexin-round-trip-recipients");
  const sentBySender = senders.map(() => 0);
  const latencies = new Float64Array(workload.count);
  let waiting: { readonly hash: string; readonly committed: (atMs: number) => void } | undefined;
  const stopListening = feed.listen((block, receivedAtMs) => {
    if (waiting !== undefined && block.txs.includes(waiting.hash)) waiting.committed(receivedAtMs);
  });
  try {
    for (let index = 0; index < workload.count; index++) {
      abortIf();
      const sender = index % senders.length;
      const signed = signer.sign(senders[sender] as Account, "points", "transfer", { to: recipients.hex(20), program: workload.program, amount: 1 });
      sentBySender[sender] = (sentBySender[sender] as number) + 1;
      const committed = new Promise<number>((resolve) => (waiting = { hash: signed.hash, committed: resolve }));
      const sentAtMs = performance.now();
      const admitted = await api.submit(signed.hex);
      if (admitted !== signed.hash) throw new BenchFailure(`POST /v1/txs answered hash ${admitted}, expected ${signed.hash}`);
      const committedAtMs = await withTimeout(committed, workload.timeoutMs, `round trip ${index + 1}: the block holding ${signed.hash}`);
      latencies[index] = committedAtMs - sentAtMs;
    }
  } finally {
    stopListening();
  }
  const latency = summariseLatencies(latencies);
  log("kexin: round trips done", { count: latency.count, p50Ms: round(latency.p50Ms, 2), p99Ms: round(latency.p99Ms, 2), maxMs: round(latency.maxMs, 2) });
  return { latency, sentBySender };
}
