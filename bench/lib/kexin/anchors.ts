import { BenchFailure } from "../errors.ts";
import { isRecord } from "../http.ts";
import { TxLedger } from "../ledger.ts";
import { log } from "../output.ts";
import { SeededRandom } from "../random.ts";
import { type SubmitItem, assertNoRejections, planLanes, submitPlannedLanes } from "../submit.ts";
import { progressLogger, senderOf } from "../workload.ts";
import type { KexinApi } from "./api.ts";
import type { Account, TxSigner } from "./accounts.ts";
import type { BlockFeed } from "./blocks.ts";
import { type TransferRun, type TransferWorkload, singleApiRoute, sendBatchTo } from "./transfers.ts";

/** Cases the anchors are filed under, so the case index grows as it would with real use. */
const casesCount = 100;

export type AnchorWorkload = Omit<TransferWorkload, "program">;

/**
 * One evidence.anchor per transaction, shaped like a real filing: a fresh 32-byte content hash
 * (from the seed), a size, a media type, a title, one of 100 case numbers and two tags, so every
 * anchor writes its hash's sequences and the chain's anchor count in state, and its record, the
 * submitter's list and the case's list in the derived index.
 */
function anchorPayload(index: number, random: SeededRandom) {
  return {
    hash: random.hex(32),
    size: 1_024 + (index % 4_096),
    mediaType: "application/pdf",
    title: `bench statement ${index}`,
    caseNumber: `(2024)京0105刑初${index % casesCount}号`,
    tags: ["bench", "statement"],
  };
}

/**
 * The measured phase of the evidence mode: the solo mode's transfer measurement with
 * evidence.anchor in place of points.transfer. Transactions are pre-signed and spread over the
 * senders the same way, submitted through POST /v1/txs/batch in the same lanes and batches, and
 * timed from submission to the WebSocket announcement of their block.
 */
export async function measureAnchors(api: KexinApi, signer: TxSigner, senders: readonly Account[], feed: BlockFeed, workload: AnchorWorkload, abortIf: () => void): Promise<TransferRun> {
  const random = new SeededRandom(workload.seed, "kexin-anchors");
  const hashes: string[] = [];
  const bySender: SubmitItem[][] = senders.map(() => []);
  const progress = progressLogger("evidence: signed", workload.txs);
  for (let index = 0; index < workload.txs; index++) {
    const sender = senderOf(index, senders.length);
    const signed = signer.sign(senders[sender] as Account, "evidence", "anchor", anchorPayload(index, random));
    hashes.push(signed.hash);
    (bySender[sender] as SubmitItem[]).push({ index, sender, wire: signed.hex });
    progress(index + 1);
  }

  const ledger = new TxLedger(hashes);
  const stopListening = feed.listen((block, receivedAtMs) => {
    for (const hash of block.txs) ledger.markCommitted(hash, receivedAtMs);
  });
  try {
    log("evidence: submitting", { anchors: workload.txs, batchSize: workload.batchSize, concurrency: workload.concurrency });
    workload.beforeSubmit?.();
    const route = singleApiRoute(api);
    const submit = await submitPlannedLanes(
      planLanes(bySender, workload.concurrency),
      ledger,
      { sendBatch: (items) => sendBatchTo(route.apis[0] as KexinApi, items, hashes) },
      { batchSize: workload.batchSize, concurrency: workload.concurrency, timeoutMs: workload.commitTimeoutMs },
    );
    assertNoRejections(submit, "measured");
    if (submit.retried > 0) log("evidence: some anchors were sent again after the node ran out of room", { retried: submit.retried });
    log("evidence: submitted; waiting for commits", { committed: ledger.committed, anchors: ledger.size });
    await ledger.waitAllCommitted(
      {
        timeoutMs: workload.commitTimeoutMs,
        stallMs: workload.stallTimeoutMs,
        abortIf: () => {
          abortIf();
          feed.assertOpen();
        },
      },
      (committed) => log("evidence: committed so far", { committed, anchors: ledger.size }),
    );
    return { figures: ledger.figures(), submit, sentBySender: bySender.map((items) => items.length) };
  } finally {
    stopListening();
  }
}

/**
 * A committed anchor may still have failed in execution. Each sender's list of anchors
 * (the anchors_by_submitter query) must hold exactly the anchors it sent, which proves every
 * committed anchor also executed.
 */
export async function assertAnchorsExecuted(api: KexinApi, senders: readonly Account[], sentBySender: readonly number[]): Promise<void> {
  const examples: string[] = [];
  let missing = 0;
  for (const [index, sender] of senders.entries()) {
    const answer = await api.query("evidence", "anchors_by_submitter", { address: sender.address, limit: "1" });
    const total = isRecord(answer) && typeof answer.total === "number" ? answer.total : Number.NaN;
    const expected = sentBySender[index] ?? 0;
    if (total !== expected) {
      missing += expected - total;
      if (examples.length < 3) examples.push(`${sender.address}: ${total} anchors recorded, ${expected} sent`);
    }
  }
  if (missing !== 0) throw new BenchFailure(`${missing} measured anchors were committed but not recorded (${examples.join("; ")})`);
}
