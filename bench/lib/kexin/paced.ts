import { BenchFailure } from "../errors.ts";
import { type LedgerFigures, TxLedger } from "../ledger.ts";
import { log } from "../output.ts";
import { SeededRandom } from "../random.ts";
import { type LatencySummary, summariseLatencies } from "../stats.ts";
import type { SubmitItem } from "../submit.ts";
import { sleep } from "../wait.ts";
import { progressLogger } from "../workload.ts";
import type { KexinApi } from "./api.ts";
import type { Account, TxSigner } from "./accounts.ts";
import type { BlockFeed } from "./blocks.ts";
import { type SubmitRoute, sendBatchTo } from "./transfers.ts";

export interface PacedWorkload {
  /** Offered load, transactions per second. */
  readonly ratePerSecond: number;
  readonly durationS: number;
  /** One batch leaves every tickMs. */
  readonly tickMs: number;
  readonly seed: string;
  /** The points program (organisation id) the senders hold. */
  readonly program: string;
  readonly commitTimeoutMs: number;
  readonly stallTimeoutMs: number;
  /** Called once everything is signed, just before the first batch leaves (e.g. to start meters). */
  readonly beforeSubmit?: () => void;
}

export interface PacedRun {
  /** p50Ms/p99Ms are the finality: submission → announcement of the block holding the transaction. */
  readonly figures: LedgerFigures;
  /** Transactions sent per second, from the actual send times of the paced batches. */
  readonly offeredTps: number;
  /** How late, at worst, a batch left compared with its schedule. */
  readonly sendLagMsMax: number;
  /**
   * Finality counted from when each transaction was due rather than from when its request left:
   * includes the wait in the bench behind a slow node, which the figures above leave out.
   */
  readonly fromSchedule: LatencySummary;
  /** Transactions sent again after a refusal for lack of room. */
  readonly retried: number;
  readonly sentBySender: readonly number[];
}

interface PacedBatch {
  readonly tick: number;
  readonly apiIndex: number;
  readonly items: readonly SubmitItem[];
}

const flushAttemptsMax = 100;
const flushBackoffMs = 100;
const progressIntervalMs = 5_000;

/**
 * Pre-signs the paced workload. Batch k holds the transactions due in the k-th tick and goes to
 * node k mod N; its transactions come from the senders bound to that node, taken in turn, so each
 * sender's nonces reach one mempool in order.
 */
function signPacedBatches(route: SubmitRoute, signer: TxSigner, senders: readonly Account[], workload: PacedWorkload) {
  const groups: number[][] = route.apis.map(() => []);
  senders.forEach((_sender, index) => (groups[route.apiOfSender(index)] as number[]).push(index));
  const usedApis = groups.flatMap((group, apiIndex) => (group.length > 0 ? [apiIndex] : []));
  const cursors = groups.map(() => 0);
  const recipients = new SeededRandom(workload.seed, "kexin-paced-recipients");
  const total = workload.ratePerSecond * workload.durationS;
  const ticks = Math.max(1, Math.round((workload.durationS * 1000) / workload.tickMs));
  const hashes: string[] = [];
  const sentBySender = senders.map(() => 0);
  const batches: PacedBatch[] = [];
  const progress = progressLogger("kexin: signed (paced phase)", total);
  for (let tick = 0; tick < ticks; tick++) {
    const apiIndex = usedApis[tick % usedApis.length] as number;
    const group = groups[apiIndex] as number[];
    const items: SubmitItem[] = [];
    const end = Math.floor((total * (tick + 1)) / ticks);
    for (let index = hashes.length; index < end; index++) {
      const cursor = cursors[apiIndex] as number;
      cursors[apiIndex] = cursor + 1;
      const sender = group[cursor % group.length] as number;
      const signed = signer.sign(senders[sender] as Account, "points", "transfer", { to: recipients.hex(20), program: workload.program, amount: 1 });
      hashes.push(signed.hash);
      sentBySender[sender] = (sentBySender[sender] as number) + 1;
      items.push({ index, sender, wire: signed.hex });
      progress(index + 1);
    }
    batches.push({ tick, apiIndex, items });
  }
  return { hashes, batches, sentBySender };
}

/**
 * Open-loop load: a batch leaves every `tickMs` on the clock, whatever the chain does, and each
 * transaction is timed from its submission to the announcement of its block. Requests to one
 * node are sent one after another (a sender's later nonces must not overtake earlier ones in the
 * node), so a node answering more slowly than its share of ticks delays its next batch; the
 * achieved `offeredTps` and `sendLagMsMax` show that.
 */
export async function measurePacedTransfers(
  route: SubmitRoute,
  signer: TxSigner,
  senders: readonly Account[],
  feed: BlockFeed,
  workload: PacedWorkload,
  abortIf: () => void,
): Promise<PacedRun> {
  const { hashes, batches, sentBySender } = signPacedBatches(route, signer, senders, workload);
  const ledger = new TxLedger(hashes);
  const dueAtMs = new Float64Array(hashes.length);
  const carry: SubmitItem[][] = route.apis.map(() => []);
  let failure: unknown;
  let retried = 0;
  let accepted = 0;
  let firstSendMs: number | undefined;
  let lastSendMs = 0;
  let lastBatchSize = 0;
  let pacedSent = 0;
  let sendLagMsMax = 0;

  /** Sends what the node was refused for lack of room, then `fresh`; refusals for lack of room wait for its next turn. */
  const send = async (apiIndex: number, fresh: readonly SubmitItem[], scheduledAtMs: number | undefined): Promise<void> => {
    const items = [...(carry[apiIndex] as SubmitItem[]), ...fresh];
    carry[apiIndex] = [];
    if (items.length === 0 || failure !== undefined) return;
    const sentAtMs = performance.now();
    if (scheduledAtMs !== undefined) {
      firstSendMs ??= sentAtMs;
      lastSendMs = sentAtMs;
      lastBatchSize = fresh.length;
      pacedSent += fresh.length;
      sendLagMsMax = Math.max(sendLagMsMax, sentAtMs - scheduledAtMs);
    }
    for (const item of items) ledger.markSubmitted(item.index, sentAtMs);
    const outcomes = await sendBatchTo(route.apis[apiIndex] as KexinApi, items, hashes);
    const retrySenders = new Set<number>();
    outcomes.forEach((outcome, offset) => {
      const item = items[offset] as SubmitItem;
      if (outcome.kind === "accepted") accepted++;
      else if (outcome.kind === "retry" || (outcome.kind === "gap" && retrySenders.has(item.sender))) {
        retrySenders.add(item.sender);
        (carry[apiIndex] as SubmitItem[]).push(item);
        retried++;
      } else failure ??= new BenchFailure(`paced phase: the node refused tx #${item.index} (sender ${item.sender}): ${outcome.code}: ${outcome.message}`);
    });
  };

  const stopListening = feed.listen((block, receivedAtMs) => {
    for (const hash of block.txs) ledger.markCommitted(hash, receivedAtMs);
  });
  const progress = setInterval(() => log("kexin: paced submission", { accepted, retried, committed: ledger.committed, txs: ledger.size }), progressIntervalMs);
  try {
    log("kexin: paced submission", { txs: hashes.length, ratePerSecond: workload.ratePerSecond, tickMs: workload.tickMs, batches: batches.length });
    // One chain of requests per node; a failure is kept, not thrown, so no chain is left rejected while the clock runs.
    const chains: Promise<void>[] = route.apis.map(() => Promise.resolve());
    workload.beforeSubmit?.();
    const startMs = performance.now();
    for (const batch of batches) {
      const scheduledAtMs = startMs + batch.tick * workload.tickMs;
      const waitMs = scheduledAtMs - performance.now();
      if (waitMs > 0) await sleep(waitMs);
      abortIf();
      if (failure !== undefined) break;
      for (const item of batch.items) dueAtMs[item.index] = scheduledAtMs;
      chains[batch.apiIndex] = (chains[batch.apiIndex] as Promise<void>)
        .then(() => send(batch.apiIndex, batch.items, scheduledAtMs))
        .catch((error: unknown) => {
          failure ??= error;
        });
    }
    await Promise.all(chains);
    for (let attempt = 1; failure === undefined && carry.some((items) => items.length > 0); attempt++) {
      if (attempt > flushAttemptsMax) throw new BenchFailure(`paced phase: the nodes kept refusing transactions for lack of room after ${flushAttemptsMax} attempts`);
      await sleep(flushBackoffMs);
      abortIf();
      await Promise.all(route.apis.map((_api, apiIndex) => send(apiIndex, [], undefined)));
    }
    if (failure !== undefined) throw failure;
    if (retried > 0) log("kexin: some paced transactions were sent again after a node ran out of room", { retried });
    log("kexin: paced submission done; waiting for commits", { committed: ledger.committed, txs: ledger.size, sendLagMsMax: Math.round(sendLagMsMax) });
    await ledger.waitAllCommitted(
      {
        timeoutMs: workload.commitTimeoutMs,
        stallMs: workload.stallTimeoutMs,
        abortIf: () => {
          abortIf();
          feed.assertOpen();
        },
      },
      (committed) => log("kexin: committed so far", { committed, txs: ledger.size }),
    );
  } finally {
    clearInterval(progress);
    stopListening();
  }
  const spanMs = lastSendMs - (firstSendMs ?? lastSendMs);
  // The last batch's transactions leave at the end of the span; rate = what was sent before it / the span.
  const offeredTps = spanMs > 0 ? ((pacedSent - lastBatchSize) * 1000) / spanMs : Number.NaN;
  const fromSchedule = summariseLatencies(ledger.commitAtMs.map((commitMs, index) => commitMs - (dueAtMs[index] as number)));
  return { figures: ledger.figures(), offeredTps, sendLagMsMax, fromSchedule, retried, sentBySender };
}
