import { keyReleaseBatchItemsMax } from "@kexin/core";
import { type Wallet, createClient, datashare, walletFromPrivateKey } from "@kexin/sdk";
import { BenchFailure } from "../errors.ts";
import { TxLedger } from "../ledger.ts";
import { log, round } from "../output.ts";
import { summariseLatencies } from "../stats.ts";
import { type SubmitItem, assertNoRejections, planLanes, submitPlannedLanes } from "../submit.ts";
import { sleep } from "../wait.ts";
import { progressLogger, senderOf } from "../workload.ts";
import type { KexinApi } from "./api.ts";
import type { TxSigner } from "./accounts.ts";
import type { BlockFeed } from "./blocks.ts";
import type { DatashareBench, Requester, SharedBenchRecord } from "./datashareSetup.ts";
import { sendBatchTo } from "./transfers.ts";

export interface DatashareReadWorkload {
  readonly txs: number;
  readonly batchSize: number;
  readonly concurrency: number;
  /** Batch reads (challenge, key release, ciphertexts not yet held, decryption) in flight at once. */
  readonly readConcurrency: number;
  readonly commitTimeoutMs: number;
  readonly stallTimeoutMs: number;
}

export interface DatashareReadFigures {
  readonly accesses: number;
  /** Accesses / (last record decrypted − first access submitted), per second. */
  readonly readsPerS: number;
  /** Accesses / (last access committed − first submitted), per second: the chain's side alone. */
  readonly accessesCommittedPerS: number;
  /** Access submitted → record decrypted. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Access submitted → its block announced. */
  readonly commitP50Ms: number;
  readonly spanMs: number;
}

const requestTimeoutMs = 60_000;

/** How many requests of each route the reads made and their wall time (request sent → answer's headers), for the log. */
class RequestTimes {
  readonly totalsMs = { challenge: 0, release: 0, ciphertext: 0 };
  readonly counts = { challenge: 0, release: 0, ciphertext: 0 };

  /** The fetch the bench's SDK client uses: the global one, timed per route. */
  readonly fetch: typeof fetch = async (input, init) => {
    const url = String(input);
    const route = url.endsWith("/keys/challenge") ? "challenge" : url.includes("/keys/release") ? "release" : url.includes("/blobs/") ? "ciphertext" : undefined;
    const startMs = performance.now();
    try {
      // Until the answer's headers: the bodies are small enough to arrive with them.
      return await fetch(input, init);
    } finally {
      if (route !== undefined) {
        this.totalsMs[route] += performance.now() - startMs;
        this.counts[route]++;
      }
    }
  };
}

/** The accesses of one announced block that one requester reads together. */
interface ReadTask {
  readonly requester: number;
  readonly indices: readonly number[];
}

/**
 * The oldest waiting task, joined by the same requester's tasks of later blocks while they fit
 * one batch request: a client reads what its member has accessed and not yet read. When reads
 * fall behind the commits, batches grow instead of the queue.
 */
function takeTask(waiting: ReadTask[]): ReadTask | undefined {
  const first = waiting.shift();
  if (first === undefined) return undefined;
  const indices = [...first.indices];
  for (let position = 0; position < waiting.length; ) {
    const later = waiting[position] as ReadTask;
    if (later.requester === first.requester && indices.length + later.indices.length <= keyReleaseBatchItemsMax) {
      indices.push(...later.indices);
      waiting.splice(position, 1);
    } else {
      position++;
    }
  }
  return { requester: first.requester, indices };
}

/**
 * The measured phase of the datashare mode. Accesses are pre-signed (access i by requester
 * i mod S, of record i mod R) and submitted through POST /v1/txs/batch in the solo mode's lanes
 * and batches. As each block is announced on the feed, its accesses are grouped by requester and
 * a reader takes each group: the SDK's readRecords has the owner's node release all their data
 * keys in one batch (signed over a challenge the node handed out with an earlier answer, when one is kept), takes the ciphertexts (downloaded once per record, then from its cache) and
 * decrypts the records, each checked against what was shared. The clock of an access runs from
 * its batch leaving to its record decrypted.
 */
export async function measureDatashareReads(api: KexinApi, signer: TxSigner, bench: DatashareBench, feed: BlockFeed, workload: DatashareReadWorkload, abortIf: () => void): Promise<DatashareReadFigures> {
  const { requesters, records } = bench;
  const hashes: string[] = [];
  const bySender: SubmitItem[][] = requesters.map(() => []);
  const progress = progressLogger("datashare: signed", workload.txs);
  const signingCpu = process.cpuUsage();
  for (let index = 0; index < workload.txs; index++) {
    const sender = senderOf(index, requesters.length);
    const record = records[index % records.length] as SharedBenchRecord;
    const signed = signer.sign(requesters[sender] as Requester, "datashare", "access", { record: record.id, purpose: "bench" });
    hashes.push(signed.hash);
    (bySender[sender] as SubmitItem[]).push({ index, sender, wire: signed.hex });
    progress(index + 1);
  }
  const signingCpuUsed = process.cpuUsage(signingCpu);
  // The bench's CPU per access, logged by the mode, includes this signing, done before the clock starts.
  log("datashare: CPU of signing the accesses, ms per access", { bench: round((signingCpuUsed.user + signingCpuUsed.system) / 1000 / workload.txs, 3) });
  const indexByHash = new Map(hashes.map((hash, index) => [hash, index]));

  const ledger = new TxLedger(hashes);
  const decryptedAtMs = new Float64Array(workload.txs).fill(Number.NaN);
  const waiting: ReadTask[] = [];
  // Idle readers wait for the next announced block (or the end) instead of polling: 64 readers
  // polling every 2 ms took about 4 % of a core from the node they share the machine with.
  let wakeReaders = (): void => {};
  let tasksArrived = new Promise<void>((resolve) => (wakeReaders = resolve));
  const signalReaders = (): void => {
    wakeReaders();
    tasksArrived = new Promise<void>((resolve) => (wakeReaders = resolve));
  };
  let decrypted = 0;
  let lastProgressAtMs = performance.now();
  let failure: unknown;
  const stopListening = feed.listen((block, receivedAtMs) => {
    const byRequester = new Map<number, number[]>();
    for (const hash of block.txs) {
      const index = indexByHash.get(hash);
      if (index === undefined || !ledger.markCommitted(hash, receivedAtMs)) continue;
      const requester = senderOf(index, requesters.length);
      const indices = byRequester.get(requester) ?? [];
      indices.push(index);
      byRequester.set(requester, indices);
    }
    for (const [requester, indices] of byRequester) waiting.push({ requester, indices });
    if (byRequester.size > 0) signalReaders();
  });
  const times = new RequestTimes();
  const client = createClient({ url: api.url, fetch: times.fetch, requestTimeoutMs });
  // One client process reading for its department's members: ciphertexts are shared, each checked against its hash once.
  const cache = new datashare.EnvelopeCache();
  // The node's answers each carry a fresh challenge, which the next batch uses instead of asking.
  const challenges = new datashare.ChallengePool();
  const wallets: Wallet[] = requesters.map((requester) => walletFromPrivateKey(signer.suite.id, requester.privateKey));
  const batchMs: number[] = [];
  const readBlock = async (task: ReadTask): Promise<void> => {
    const requester = requesters[task.requester] as Requester;
    const startMs = performance.now();
    const results = await datashare.readRecords(client, {
      wallet: wallets[task.requester] as Wallet,
      encryptionPrivateKey: requester.encryptionPrivateKey,
      reads: task.indices.map((index) => ({ access: hashes[index] as string, record: (records[index % records.length] as SharedBenchRecord).id })),
      chainId: signer.chainId,
      cache,
      challenges,
    });
    const doneMs = performance.now();
    batchMs.push(doneMs - startMs);
    results.forEach((result, position) => {
      const index = task.indices[position] as number;
      const record = records[index % records.length] as SharedBenchRecord;
      if (result.status === "failure") throw new BenchFailure(`reading record ${record.id} of access ${hashes[index]} failed: ${result.error.message}`);
      if (JSON.stringify(result.value) !== record.text) throw new BenchFailure(`record ${record.id} decrypted to something else than what was shared`);
      decryptedAtMs[index] = doneMs;
    });
    decrypted += results.length;
    lastProgressAtMs = doneMs;
  };
  let running = true;
  const reader = async (): Promise<void> => {
    while (running) {
      const task = takeTask(waiting);
      if (task === undefined) {
        await tasksArrived;
        continue;
      }
      await readBlock(task);
    }
  };
  const readers = Array.from({ length: workload.readConcurrency }, () =>
    reader().catch((error: unknown) => {
      failure ??= error;
    }),
  );
  try {
    log("datashare: submitting accesses", { accesses: workload.txs, batchSize: workload.batchSize, concurrency: workload.concurrency, readConcurrency: workload.readConcurrency });
    const submit = await submitPlannedLanes(
      planLanes(bySender, workload.concurrency),
      ledger,
      { sendBatch: (items) => sendBatchTo(api, items, hashes) },
      { batchSize: workload.batchSize, concurrency: workload.concurrency, timeoutMs: workload.commitTimeoutMs },
    );
    assertNoRejections(submit, "measured");
    log("datashare: submitted; waiting for commits and reads", { committed: ledger.committed, decrypted });
    const startMs = performance.now();
    let reportedAtMs = startMs;
    while (decrypted < workload.txs) {
      if (failure !== undefined) throw failure;
      abortIf();
      feed.assertOpen();
      const nowMs = performance.now();
      if (nowMs - startMs > workload.commitTimeoutMs) throw new BenchFailure(`only ${decrypted} of ${workload.txs} records read within ${workload.commitTimeoutMs} ms`);
      if (nowMs - Math.max(lastProgressAtMs, startMs) > workload.stallTimeoutMs) throw new BenchFailure(`reads stalled at ${decrypted} of ${workload.txs} (${ledger.committed} accesses committed): nothing new for ${workload.stallTimeoutMs} ms`);
      if (nowMs - reportedAtMs >= 2_000) {
        log("datashare: so far", { committed: ledger.committed, decrypted, accesses: workload.txs });
        reportedAtMs = nowMs;
      }
      await sleep(20);
    }
  } finally {
    running = false;
    signalReaders();
    stopListening();
    await Promise.all(readers);
  }
  if (failure !== undefined) throw failure;
  const meanMs = (route: keyof RequestTimes["counts"]) => (times.counts[route] === 0 ? null : round(times.totalsMs[route] / times.counts[route], 2));
  const batchSummary = summariseLatencies(Float64Array.from(batchMs));
  log("datashare: batch reads", { batches: batchMs.length, accessesPerBatch: round(workload.txs / batchMs.length, 1), challenges: times.counts.challenge, releases: times.counts.release, ciphertextDownloads: times.counts.ciphertext });
  log("datashare: wall time, ms: per request by route (mean) and per batch read (p50, p99)", {
    challenge: meanMs("challenge"),
    release: meanMs("release"),
    ciphertext: meanMs("ciphertext"),
    batchP50: round(batchSummary.p50Ms, 1),
    batchP99: round(batchSummary.p99Ms, 1),
  });
  const commits = ledger.figures();
  let firstSubmitMs = Number.POSITIVE_INFINITY;
  let lastDecryptedMs = Number.NEGATIVE_INFINITY;
  const latencies = new Float64Array(workload.txs);
  for (let index = 0; index < workload.txs; index++) {
    const submitMs = ledger.submitAtMs[index] as number;
    firstSubmitMs = Math.min(firstSubmitMs, submitMs);
    lastDecryptedMs = Math.max(lastDecryptedMs, decryptedAtMs[index] as number);
    latencies[index] = (decryptedAtMs[index] as number) - submitMs;
  }
  const spanMs = lastDecryptedMs - firstSubmitMs;
  const summary = summariseLatencies(latencies);
  return {
    accesses: workload.txs,
    readsPerS: (workload.txs * 1000) / spanMs,
    accessesCommittedPerS: commits.committedTps,
    p50Ms: summary.p50Ms,
    p99Ms: summary.p99Ms,
    commitP50Ms: commits.p50Ms,
    spanMs,
  };
}
