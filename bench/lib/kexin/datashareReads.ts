import { bytesEqual, datashareKeyReleaseAuthorisation, fromHex, keyReleaseContext, openSealedEnvelope, unwrapDataKey } from "@kexin/core";
import { BenchFailure } from "../errors.ts";
import { isRecord, requestJson } from "../http.ts";
import { TxLedger } from "../ledger.ts";
import { log, round } from "../output.ts";
import { summariseLatencies } from "../stats.ts";
import { type SubmitItem, assertNoRejections, planLanes, submitPlannedLanes } from "../submit.ts";
import { sleep } from "../wait.ts";
import { progressLogger, senderOf } from "../workload.ts";
import type { KexinApi } from "./api.ts";
import type { TxSigner } from "./accounts.ts";
import type { BlockFeed } from "./blocks.ts";
import { type DatashareBench, type Requester, type SharedBenchRecord, signRequest } from "./datashareSetup.ts";
import { sendBatchTo } from "./transfers.ts";

export interface DatashareReadWorkload {
  readonly txs: number;
  readonly batchSize: number;
  readonly concurrency: number;
  /** Reads (challenge, key release, ciphertext, decryption) in flight at once. */
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

/**
 * What the SDK's readRecord does for a committed access, minus the look-ups the bench already
 * knows (chain id, the record's hash): a fresh challenge, the signed release request, the
 * ciphertext from the blob store, then unwrapping the data key and opening the envelope here.
 */
/** Wall time the reads spent in each step, summed over all of them (several run at once), for the log. */
class ReadStages {
  readonly totalsMs = { challenge: 0, release: 0, ciphertext: 0, decrypt: 0 };
  private lastMs = performance.now();

  start(): void {
    this.lastMs = performance.now();
  }

  done(stage: keyof ReadStages["totalsMs"]): void {
    const nowMs = performance.now();
    this.totalsMs[stage] += nowMs - this.lastMs;
    this.lastMs = nowMs;
  }
}

async function readRecord(api: KexinApi, signer: TxSigner, requester: Requester, access: string, record: SharedBenchRecord, stages: ReadStages): Promise<void> {
  stages.start();
  const challengeAnswer = await requestJson(`${api.url}/v1/datashare/keys/challenge`, { method: "POST", body: {}, timeoutMs: requestTimeoutMs });
  if (!isRecord(challengeAnswer) || typeof challengeAnswer.challenge !== "string") throw new BenchFailure(`POST /v1/datashare/keys/challenge answered ${JSON.stringify(challengeAnswer)}`);
  stages.done("challenge");
  const request = signRequest(signer, requester, datashareKeyReleaseAuthorisation, { access, record: record.id, encryptionKey: requester.encryptionPublicKey, challenge: challengeAnswer.challenge });
  const released = await requestJson(`${api.url}/v1/datashare/keys/release`, { method: "POST", body: { request }, timeoutMs: requestTimeoutMs });
  stages.done("release");
  if (!isRecord(released) || typeof released.wrappedKey !== "string") throw new BenchFailure(`POST /v1/datashare/keys/release answered ${JSON.stringify(released)}`);
  const blob = await fetch(`${api.url}/v1/datashare/blobs/${record.hash}`, { signal: AbortSignal.timeout(requestTimeoutMs) });
  if (!blob.ok) throw new BenchFailure(`GET /v1/datashare/blobs/${record.hash} answered ${blob.status}`);
  const envelope = new Uint8Array(await blob.arrayBuffer());
  stages.done("ciphertext");
  const dataKey = await unwrapDataKey(signer.suite, requester.encryptionPrivateKey, fromHex(released.wrappedKey), keyReleaseContext(signer.chainId, access, record.id));
  const plaintext = openSealedEnvelope(envelope, dataKey, { expectedHash: record.hash });
  if (!bytesEqual(plaintext, record.plaintext)) throw new BenchFailure(`record ${record.id} decrypted to something else than what was shared`);
  stages.done("decrypt");
}

/**
 * The measured phase of the datashare mode. Accesses are pre-signed (access i by requester
 * i mod S, of record i mod R) and submitted through POST /v1/txs/batch in the solo mode's lanes
 * and batches. As each access's block is announced on the feed, a reader takes it: the owner's
 * node releases the record's data key against it and the bench decrypts the record. The clock
 * of an access runs from its batch leaving to its record decrypted.
 */
export async function measureDatashareReads(api: KexinApi, signer: TxSigner, bench: DatashareBench, feed: BlockFeed, workload: DatashareReadWorkload, abortIf: () => void): Promise<DatashareReadFigures> {
  const { requesters, records } = bench;
  const hashes: string[] = [];
  const bySender: SubmitItem[][] = requesters.map(() => []);
  const progress = progressLogger("datashare: signed", workload.txs);
  for (let index = 0; index < workload.txs; index++) {
    const sender = senderOf(index, requesters.length);
    const record = records[index % records.length] as SharedBenchRecord;
    const signed = signer.sign(requesters[sender] as Requester, "datashare", "access", { record: record.id, purpose: "bench" });
    hashes.push(signed.hash);
    (bySender[sender] as SubmitItem[]).push({ index, sender, wire: signed.hex });
    progress(index + 1);
  }
  const indexByHash = new Map(hashes.map((hash, index) => [hash, index]));

  const ledger = new TxLedger(hashes);
  const decryptedAtMs = new Float64Array(workload.txs).fill(Number.NaN);
  const waiting: number[] = [];
  let decrypted = 0;
  let lastProgressAtMs = performance.now();
  let failure: unknown;
  const stopListening = feed.listen((block, receivedAtMs) => {
    for (const hash of block.txs) {
      const index = indexByHash.get(hash);
      if (index !== undefined && ledger.markCommitted(hash, receivedAtMs)) waiting.push(index);
    }
  });
  let running = true;
  const readerStages: ReadStages[] = [];
  const reader = async (): Promise<void> => {
    const stages = new ReadStages();
    readerStages.push(stages);
    while (running) {
      const index = waiting.shift();
      if (index === undefined) {
        await sleep(2);
        continue;
      }
      const requester = requesters[senderOf(index, requesters.length)] as Requester;
      await readRecord(api, signer, requester, hashes[index] as string, records[index % records.length] as SharedBenchRecord, stages);
      decryptedAtMs[index] = performance.now();
      decrypted++;
      lastProgressAtMs = decryptedAtMs[index] as number;
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
    stopListening();
    await Promise.all(readers);
  }
  if (failure !== undefined) throw failure;
  const perReadMs = (stage: keyof ReadStages["totalsMs"]) => round(readerStages.reduce((sum, stages) => sum + stages.totalsMs[stage], 0) / workload.txs, 2);
  log("datashare: wall time per read by step, ms", { challenge: perReadMs("challenge"), release: perReadMs("release"), ciphertext: perReadMs("ciphertext"), decrypt: perReadMs("decrypt") });
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
