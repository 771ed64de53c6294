import type { Cleanup } from "../cleanup.ts";
import { BenchFailure } from "../errors.ts";
import { isRecord } from "../http.ts";
import { type ResultValue, log, round } from "../output.ts";
import type { SubmitItem } from "../submit.ts";
import { sleep } from "../wait.ts";
import { openJsonSocket } from "../websocket.ts";
import type { KexinApi } from "./api.ts";
import type { Account, TxSigner } from "./accounts.ts";
import type { BlockFeed } from "./blocks.ts";
import { type Cohort, type TraceWorkload, cohortsOf, stepsPerUnit } from "./traceWorkload.ts";
import { sendBatchTo } from "./transfers.ts";

export interface TraceLoadOptions {
  readonly units: number;
  /** Upper bound on transactions per POST /v1/txs/batch; requests are also kept below requestHexBytesMax. */
  readonly batchSize: number;
  /** Batch requests in flight at once, each lane with its own senders. */
  readonly concurrency: number;
  readonly commitTimeoutMs: number;
  readonly stallTimeoutMs: number;
}

export interface TraceLoadFigures {
  readonly events: number;
  readonly txs: number;
  /** Last commit − first submit. */
  readonly spanMs: number;
  readonly eventsPerSecond: number;
  /** Events per second over each tenth of the load, to show whether recording slows as the chain grows; NaN for a tenth finished by the same block as the one before. */
  readonly eventsPerSecondByTenth: readonly number[];
  readonly retried: number;
  readonly alerts: number;
}

/** The API takes bodies up to 16 MiB; a batch of 45 KB transactions (90 KB as hex) is cut well before. */
const requestHexBytesMax = 12 * 1024 * 1024;
/**
 * Transactions submitted but not yet seen committed. A full block holds about 180 of these 45 KB
 * transactions (8 MiB); three blocks' worth keeps the next block ready while one executes without
 * filling the mempool.
 */
const inFlightTxsMax = 600;
const retryBackoffMs = 200;
const retryAttemptsMax = 300;
const progressIntervalMs = 10_000;
const importSummaryWaitMs = 15_000;

/** One transaction of the load: which sender signs it, and the cohort and step it records. */
interface PlannedTx {
  readonly sender: number;
  readonly cohort: Cohort;
  readonly step: number;
}

/**
 * Each sender records its cohorts one after another, a cohort's ten steps in order; senders are
 * spread over lanes (sender s → lane s mod C) and a lane takes its senders' transactions in turn,
 * so per-sender nonce order always holds and C requests are in flight.
 */
function* laneTransactions(senders: number, lane: number, concurrency: number, cohortsBySender: readonly (readonly Cohort[])[]): Generator<PlannedTx> {
  const own = Array.from({ length: senders }, (_, sender) => sender).filter((sender) => sender % concurrency === lane);
  const rounds = Math.max(0, ...own.map((sender) => (cohortsBySender[sender]?.length ?? 0) * stepsPerUnit));
  for (let round = 0; round < rounds; round++) {
    for (const sender of own) {
      const cohorts = cohortsBySender[sender] as readonly Cohort[];
      const cohort = cohorts[Math.floor(round / stepsPerUnit)];
      if (cohort !== undefined) yield { sender, cohort, step: round % stepsPerUnit };
    }
  }
}

/** Submit and commit times, by transaction, with events per transaction. */
class LoadLedger {
  readonly hashes: string[] = [];
  readonly events: number[] = [];
  readonly submitAtMs: number[] = [];
  readonly commitAtMs: number[] = [];
  private readonly indexByHash = new Map<string, number>();
  committedTxs = 0;
  committedEvents = 0;
  lastCommitAtMs = performance.now();
  /** When the committed events first reached each tenth of the load. */
  readonly tenthReachedAtMs: number[] = [];

  constructor(private readonly totalEvents: number) {}

  add(hash: string, events: number): number {
    const index = this.hashes.length;
    this.hashes.push(hash);
    this.events.push(events);
    this.submitAtMs.push(Number.NaN);
    this.commitAtMs.push(Number.NaN);
    this.indexByHash.set(hash, index);
    return index;
  }

  get inFlight(): number {
    return this.hashes.length - this.committedTxs;
  }

  markSubmitted(index: number, atMs: number): void {
    if (Number.isNaN(this.submitAtMs[index] as number)) this.submitAtMs[index] = atMs;
  }

  markCommitted(hash: string, atMs: number): void {
    const index = this.indexByHash.get(hash);
    if (index === undefined || !Number.isNaN(this.commitAtMs[index] as number)) return;
    this.commitAtMs[index] = atMs;
    this.committedTxs++;
    this.committedEvents += this.events[index] as number;
    this.lastCommitAtMs = atMs;
    while (this.tenthReachedAtMs.length < 10 && this.committedEvents >= ((this.tenthReachedAtMs.length + 1) * this.totalEvents) / 10) this.tenthReachedAtMs.push(atMs);
  }

  has(hash: string): boolean {
    return this.indexByHash.has(hash);
  }
}

/** The `epcis_imported` summaries the node announces for every import that executed successfully. */
async function openImportSummaries(cleanup: Cleanup, api: KexinApi, timeoutMs: number) {
  const events = new Map<string, { events: number; alerts: number }>();
  let subscribed = false;
  const socket = await openJsonSocket(cleanup, api.websocketUrl, timeoutMs, (message) => {
    if (isRecord(message) && message.type === "subscribed") subscribed = true;
    if (!isRecord(message) || message.type !== "event" || typeof message.txHash !== "string" || !isRecord(message.event)) return;
    const attributes = isRecord(message.event.attributes) ? message.event.attributes : {};
    if (message.event.type === "epcis_imported") events.set(message.txHash, { events: Number(attributes.events), alerts: Number(attributes.alerts) });
  });
  socket.send({ subscribe: "events", module: "trace", type: "epcis_imported" });
  const deadline = performance.now() + timeoutMs;
  while (!subscribed && performance.now() < deadline) await sleep(10);
  if (!subscribed) throw new BenchFailure("the node did not acknowledge the trace events subscription on GET /v1/ws");
  return { events, socket };
}

/**
 * The measured load: `units` units' ten-step lifecycles as import_epcis transactions of 100 events,
 * signed as they are needed (a million events are 10,000 transactions of 45 KB), submitted in
 * lanes with at most inFlightTxsMax uncommitted, and timed from the first request to the block
 * announcement of the last. Every transaction must be announced as an executed import.
 */
export async function loadTraceEvents(
  cleanup: Cleanup,
  api: KexinApi,
  signer: TxSigner,
  senders: readonly Account[],
  feed: BlockFeed,
  workload: TraceWorkload,
  options: TraceLoadOptions,
  abortIf: () => void,
): Promise<TraceLoadFigures> {
  const cohorts = cohortsOf(options.units);
  const cohortsBySender: Cohort[][] = senders.map(() => []);
  cohorts.forEach((cohort, index) => (cohortsBySender[index % senders.length] as Cohort[]).push(cohort));
  const totalEvents = options.units * stepsPerUnit;
  const totalTxs = cohorts.length * stepsPerUnit;
  const ledger = new LoadLedger(totalEvents);
  const summaries = await openImportSummaries(cleanup, api, 10_000);
  const stopListening = feed.listen((block, receivedAtMs) => {
    for (const hash of block.txs) ledger.markCommitted(hash, receivedAtMs);
  });
  let retried = 0;
  let failed = false;
  const startedAtMs = performance.now();
  let previous = { atMs: startedAtMs, events: 0 };
  const progress = setInterval(() => {
    const nowMs = performance.now();
    const fields: Record<string, ResultValue> = {
      committedEvents: ledger.committedEvents,
      events: totalEvents,
      eventsPerSecondLast: round(((ledger.committedEvents - previous.events) * 1000) / (nowMs - previous.atMs), 0),
      inFlightTxs: ledger.inFlight,
      height: feed.lastHeight,
    };
    previous = { atMs: nowMs, events: ledger.committedEvents };
    log("trace: loading", fields);
  }, progressIntervalMs);

  const runLane = async (lane: number): Promise<void> => {
    const planned = laneTransactions(senders.length, lane, options.concurrency, cohortsBySender);
    let queue: SubmitItem[] = [];
    let exhausted = false;
    let attempts = 0;
    while (!failed && (queue.length > 0 || !exhausted)) {
      abortIf();
      if (performance.now() - startedAtMs > options.commitTimeoutMs) throw new BenchFailure(`the load did not finish within ${options.commitTimeoutMs} ms`);
      if (ledger.inFlight >= inFlightTxsMax) {
        await sleep(5);
        continue;
      }
      // Refused transactions go first, then new ones signed up to the request's bounds.
      const batch: SubmitItem[] = [];
      let bytes = 0;
      while (batch.length < options.batchSize) {
        let item = queue.shift();
        if (item === undefined && !exhausted && ledger.inFlight < inFlightTxsMax) {
          const next = planned.next();
          if (next.done === true) exhausted = true;
          else {
            const document = workload.document(next.value.cohort, next.value.step);
            const signed = signer.sign(senders[next.value.sender] as Account, "trace", "import_epcis", { document: document.text });
            item = { index: ledger.add(signed.hash, document.events), sender: next.value.sender, wire: signed.hex };
          }
        }
        if (item === undefined) break;
        if (batch.length > 0 && bytes + item.wire.length > requestHexBytesMax) {
          queue.unshift(item);
          break;
        }
        batch.push(item);
        bytes += item.wire.length;
      }
      if (batch.length === 0) break;
      const sentAtMs = performance.now();
      for (const item of batch) ledger.markSubmitted(item.index, sentAtMs);
      const outcomes = await sendBatchTo(api, batch, ledger.hashes);
      const again: SubmitItem[] = [];
      const retrySenders = new Set<number>();
      outcomes.forEach((outcome, offset) => {
        const item = batch[offset] as SubmitItem;
        if (outcome.kind === "accepted") return;
        if (outcome.kind === "retry" || (outcome.kind === "gap" && retrySenders.has(item.sender))) {
          retrySenders.add(item.sender);
          again.push(item);
          return;
        }
        throw new BenchFailure(`the node refused import_epcis transaction #${item.index} (sender ${item.sender}): ${outcome.code}: ${outcome.message}`);
      });
      if (again.length === 0) {
        attempts = 0;
        continue;
      }
      retried += again.length;
      if (++attempts > retryAttemptsMax) throw new BenchFailure(`the node kept refusing transactions for lack of room after ${retryAttemptsMax} attempts`);
      queue = [...again, ...queue];
      await sleep(retryBackoffMs);
    }
  };

  try {
    await Promise.all(
      Array.from({ length: options.concurrency }, (_, lane) =>
        runLane(lane).catch((error: unknown) => {
          failed = true;
          throw error;
        }),
      ),
    );
    if (ledger.hashes.length !== totalTxs) throw new BenchFailure(`the lanes signed ${ledger.hashes.length} transactions, expected ${totalTxs}`);
    log("trace: submitted; waiting for the last commits", { txs: totalTxs, committedTxs: ledger.committedTxs });
    while (ledger.committedTxs < totalTxs) {
      abortIf();
      feed.assertOpen();
      const nowMs = performance.now();
      if (nowMs - startedAtMs > options.commitTimeoutMs) throw new BenchFailure(`only ${ledger.committedTxs} of ${totalTxs} transactions committed within ${options.commitTimeoutMs} ms`);
      if (nowMs - ledger.lastCommitAtMs > options.stallTimeoutMs) throw new BenchFailure(`commits stalled at ${ledger.committedTxs} of ${totalTxs}: nothing new for ${options.stallTimeoutMs} ms`);
      await sleep(20);
    }
  } finally {
    clearInterval(progress);
    stopListening();
  }

  // A committed transaction may still have failed in execution; only successful imports announce a summary.
  const deadline = performance.now() + importSummaryWaitMs;
  while (summaries.events.size < totalTxs && performance.now() < deadline) await sleep(20);
  await summaries.socket.close();
  const missing = ledger.hashes.filter((hash, index) => summaries.events.get(hash)?.events !== ledger.events[index]);
  if (missing.length > 0) {
    const examples = await Promise.all(missing.slice(0, 3).map(async (hash) => `${hash}: ${JSON.stringify(await api.tx(hash))}`));
    throw new BenchFailure(`${missing.length} of ${totalTxs} imports were not announced as executed with all their events; first: ${examples.join("; ")}`);
  }
  let firstSubmitMs = Number.POSITIVE_INFINITY;
  let lastCommitMs = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < ledger.hashes.length; index++) {
    firstSubmitMs = Math.min(firstSubmitMs, ledger.submitAtMs[index] as number);
    lastCommitMs = Math.max(lastCommitMs, ledger.commitAtMs[index] as number);
  }
  const spanMs = lastCommitMs - firstSubmitMs;
  const tenths = ledger.tenthReachedAtMs.map((atMs, index) => {
    const fromMs = index === 0 ? firstSubmitMs : (ledger.tenthReachedAtMs[index - 1] as number);
    // Tenths reached by the same block have no time of their own.
    return atMs > fromMs ? round(totalEvents / 10 / ((atMs - fromMs) / 1000), 0) : Number.NaN;
  });
  let alerts = 0;
  for (const summary of summaries.events.values()) alerts += summary.alerts;
  return { events: totalEvents, txs: totalTxs, spanMs, eventsPerSecond: (totalEvents * 1000) / spanMs, eventsPerSecondByTenth: tenths, retried, alerts };
}
