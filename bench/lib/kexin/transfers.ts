import type { CborValue } from "@kexin/core";
import { BenchFailure } from "../errors.ts";
import { HttpError } from "../http.ts";
import { PhaseCpu } from "../cpu.ts";
import { type LedgerFigures, TxLedger } from "../ledger.ts";
import type { BenchOptions } from "../options.ts";
import { log } from "../output.ts";
import { SeededRandom } from "../random.ts";
import { peakRssMb } from "../rss.ts";
import { type SubmitItem, type SubmitReport, type SubmitTarget, type TxOutcome, assertNoRejections, planLanesOverTargets, submitPlannedLanes } from "../submit.ts";
import { progressLogger, senderOf } from "../workload.ts";
import { type BatchEntry, type KexinApi, parseAmount } from "./api.ts";
import type { Account, TxSigner } from "./accounts.ts";
import type { BlockFeed } from "./blocks.ts";

export interface TransferWorkload {
  readonly txs: number;
  readonly batchSize: number;
  readonly concurrency: number;
  readonly seed: string;
  /** The points program (organisation id) the senders hold. */
  readonly program: string;
  readonly commitTimeoutMs: number;
  readonly stallTimeoutMs: number;
  /** Called once everything is signed, just before the first batch leaves (e.g. to start meters). */
  readonly beforeSubmit?: () => void;
}

export interface TransferRun {
  readonly figures: LedgerFigures;
  readonly submit: SubmitReport;
  /** How many transactions each sender signed, for checking balances afterwards. */
  readonly sentBySender: readonly number[];
}

/** Codes that mean "no room right now"; the transaction is sent again after a pause. */
const retryCodes = new Set(["MEMPOOL_FULL", "NODE_NOT_READY"]);

/**
 * Where transactions go: one node, or several nodes of the same chain. Each sender is bound to one
 * node, so its nonces reach one mempool in order (a mempool refuses nonce gaps, and gossip between
 * nodes gives no ordering guarantee against the client's next request).
 */
export interface SubmitRoute {
  readonly apis: readonly KexinApi[];
  /** Index into `apis` of the node that takes every transaction of sender `sender`. */
  readonly apiOfSender: (sender: number) => number;
}

export function singleApiRoute(api: KexinApi): SubmitRoute {
  return { apis: [api], apiOfSender: () => 0 };
}

/** One POST /v1/txs/batch, its answer classified per transaction; a whole-request 503 makes every transaction a retry. */
export async function sendBatchTo(api: KexinApi, items: readonly SubmitItem[], hashes: readonly string[]): Promise<TxOutcome[]> {
  let entries: BatchEntry[];
  try {
    entries = await api.submitBatch(items.map((item) => item.wire));
  } catch (error) {
    if (error instanceof HttpError && error.status === 503) return items.map(() => ({ kind: "retry", code: "HTTP 503" }));
    throw error;
  }
  return entries.map((entry, offset): TxOutcome => {
    const item = items[offset] as SubmitItem;
    if ("error" in entry) {
      if (retryCodes.has(entry.error.code)) return { kind: "retry", code: entry.error.code };
      if (entry.error.code === "TX_NONCE_GAP") return { kind: "gap", code: entry.error.code, message: entry.error.message };
      return { kind: "rejected", code: entry.error.code, message: entry.error.message };
    }
    if (entry.hash !== hashes[item.index]) {
      return { kind: "rejected", code: "HASH_MISMATCH", message: `the node answered ${entry.hash}, expected ${String(hashes[item.index])}` };
    }
    return { kind: "accepted" };
  });
}

/**
 * Lanes are planned so that a batch normally goes to one node; after a retry a batch can mix
 * senders of several nodes, and is then split, each part sent to its senders' node.
 */
function routedTarget(route: SubmitRoute, hashes: readonly string[]): SubmitTarget {
  return {
    async sendBatch(items) {
      const byApi = new Map<number, SubmitItem[]>();
      for (const item of items) {
        const apiIndex = route.apiOfSender(item.sender);
        const group = byApi.get(apiIndex);
        if (group === undefined) byApi.set(apiIndex, [item]);
        else group.push(item);
      }
      const outcomeByIndex = new Map<number, TxOutcome>();
      await Promise.all(
        [...byApi].map(async ([apiIndex, group]) => {
          const outcomes = await sendBatchTo(route.apis[apiIndex] as KexinApi, group, hashes);
          group.forEach((item, offset) => outcomeByIndex.set(item.index, outcomes[offset] as TxOutcome));
        }),
      );
      return items.map((item) => outcomeByIndex.get(item.index) as TxOutcome);
    },
  };
}

/** A measured workload, signed before anything is sent: every hash, and each sender's transactions in nonce order. */
export interface SignedWorkload {
  readonly hashes: readonly string[];
  readonly bySender: readonly SubmitItem[][];
}

/** One transaction of a workload: what transaction `index` does. */
export interface TxCall {
  readonly module: string;
  readonly type: string;
  readonly payload: CborValue;
}

/** Pre-signs `txs` transactions, transaction i from sender i mod S with that sender's next nonce. */
export function signWorkload(signer: TxSigner, senders: readonly Account[], txs: number, label: string, txOf: (index: number) => TxCall): SignedWorkload {
  const hashes: string[] = [];
  const bySender: SubmitItem[][] = senders.map(() => []);
  const progress = progressLogger(`${label}: signed`, txs);
  for (let index = 0; index < txs; index++) {
    const sender = senderOf(index, senders.length);
    const { module, type, payload } = txOf(index);
    const signed = signer.sign(senders[sender] as Account, module, type, payload);
    hashes.push(signed.hash);
    (bySender[sender] as SubmitItem[]).push({ index, sender, wire: signed.hex });
    progress(index + 1);
  }
  return { hashes, bySender };
}

/**
 * The measured phase of every closed-loop mode: submits a signed workload through POST
 * /v1/txs/batch in concurrent lanes (to the node each sender is bound to), and times each
 * transaction from its submission to the announcement of its block on the WebSocket.
 */
export async function measureSigned(
  route: SubmitRoute,
  { hashes, bySender }: SignedWorkload,
  feed: BlockFeed,
  workload: Omit<TransferWorkload, "txs" | "seed" | "program">,
  label: string,
  abortIf: () => void,
): Promise<TransferRun> {
  const ledger = new TxLedger(hashes);
  const stopListening = feed.listen((block, receivedAtMs) => {
    for (const hash of block.txs) ledger.markCommitted(hash, receivedAtMs);
  });
  try {
    log(`${label}: submitting`, { txs: ledger.size, batchSize: workload.batchSize, concurrency: workload.concurrency });
    workload.beforeSubmit?.();
    const lanes = planLanesOverTargets(bySender, workload.concurrency, workload.batchSize, route.apis.length, route.apiOfSender);
    const submit = await submitPlannedLanes(lanes, ledger, routedTarget(route, hashes), {
      batchSize: workload.batchSize,
      concurrency: workload.concurrency,
      timeoutMs: workload.commitTimeoutMs,
    });
    assertNoRejections(submit, "measured");
    if (submit.retried > 0) log(`${label}: some transactions were sent again after the node ran out of room`, { retried: submit.retried });
    log(`${label}: submitted; waiting for commits`, { committed: ledger.committed, txs: ledger.size });
    await ledger.waitAllCommitted(
      {
        timeoutMs: workload.commitTimeoutMs,
        stallMs: workload.stallTimeoutMs,
        abortIf: () => {
          abortIf();
          feed.assertOpen();
        },
      },
      (committed) => log(`${label}: committed so far`, { committed, txs: ledger.size }),
    );
    return { figures: ledger.figures(), submit, sentBySender: bySender.map((items) => items.length) };
  } finally {
    stopListening();
  }
}

/**
 * The measured phase of the transfer modes: `points.transfer`s of 1 point to random recipients
 * from the seeded generator, spread over the senders, measured by measureSigned.
 */
export async function measureTransfers(
  route: SubmitRoute,
  signer: TxSigner,
  senders: readonly Account[],
  feed: BlockFeed,
  workload: TransferWorkload,
  abortIf: () => void,
): Promise<TransferRun> {
  const recipients = new SeededRandom(workload.seed, "kexin-recipients");
  const signed = signWorkload(signer, senders, workload.txs, "kexin", () => ({
    module: "points",
    type: "transfer",
    payload: { to: recipients.hex(20), program: workload.program, amount: 1 },
  }));
  return measureSigned(route, signed, feed, workload, "kexin", abortIf);
}

/**
 * A committed transaction may still have failed in execution; for transfers of 1 point from
 * accounts that started with `startingBalance` and receive nothing, every success lowers the
 * balance by exactly one. Checking S balances proves all N transfers executed.
 */
export async function assertTransfersExecuted(
  api: KexinApi,
  senders: readonly Account[],
  sentBySender: readonly number[],
  program: string,
  startingBalance: bigint,
): Promise<void> {
  let failed = 0n;
  const examples: string[] = [];
  for (const [index, sender] of senders.entries()) {
    const answer = await api.query("points", "balance", { address: sender.address, program });
    const amount = parseAmount(typeof answer === "object" && answer !== null && "amount" in answer ? answer.amount : undefined, "points balance query");
    const expected = startingBalance - BigInt(sentBySender[index] ?? 0);
    if (amount !== expected) {
      failed += amount - expected;
      if (examples.length < 3) examples.push(`${sender.address}: balance ${amount}, expected ${expected}`);
    }
  }
  if (failed !== 0n) {
    throw new BenchFailure(`${failed} measured transfers were committed but did not execute as expected (${examples.join("; ")})`);
  }
}

/** Bound on waiting with no new commit in a measured phase. */
const phaseStallTimeoutMs = 60_000;

/** What a measured phase on a node the bench started gives besides the run: the node's peak RSS and its CPU per committed transaction. */
export interface NodePhaseRun extends TransferRun {
  readonly rssMb: number | undefined;
  readonly cpuMsPerTx: number | undefined;
}

/** measureSigned on one node the bench started (`pid`), with the options of the run, metering the node's CPU from the first batch on. */
export async function measureSignedOnNode(
  node: { readonly api: KexinApi; readonly pid: number },
  signed: SignedWorkload,
  feed: BlockFeed,
  options: BenchOptions,
  label: string,
  abortIf: () => void,
): Promise<NodePhaseRun> {
  const cpu = new PhaseCpu(node.pid);
  const workload = { batchSize: options.batchSize, concurrency: options.concurrency, commitTimeoutMs: options.commitTimeoutS * 1000, stallTimeoutMs: phaseStallTimeoutMs, beforeSubmit: () => cpu.start() };
  const run = await measureSigned(singleApiRoute(node.api), signed, feed, workload, label, abortIf);
  return { ...run, cpuMsPerTx: cpu.msPerTx(run.figures.committed), rssMb: peakRssMb(node.pid) };
}
