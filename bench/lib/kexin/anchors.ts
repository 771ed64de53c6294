import { BenchFailure } from "../errors.ts";
import { isRecord } from "../http.ts";
import { SeededRandom } from "../random.ts";
import type { KexinApi } from "./api.ts";
import type { Account, TxSigner } from "./accounts.ts";
import type { BlockFeed } from "./blocks.ts";
import { type TransferRun, type TransferWorkload, measureSigned, signWorkload, singleApiRoute } from "./transfers.ts";

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
  const signed = signWorkload(signer, senders, workload.txs, "evidence", (index) => ({ module: "evidence", type: "anchor", payload: anchorPayload(index, random) }));
  return measureSigned(singleApiRoute(api), signed, feed, workload, "evidence", abortIf);
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
