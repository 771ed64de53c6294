import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type Hex, keccak256 } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { type Cleanup, temporaryDirectory } from "../../lib/cleanup.ts";
import { BenchFailure } from "../../lib/errors.ts";
import { isRecord } from "../../lib/http.ts";
import { JsonRpcClient } from "../../lib/jsonRpc.ts";
import { TxLedger } from "../../lib/ledger.ts";
import { log } from "../../lib/output.ts";
import { freePort } from "../../lib/port.ts";
import { ManagedProcess } from "../../lib/process.ts";
import { SeededRandom } from "../../lib/random.ts";
import { peakRssMb } from "../../lib/rss.ts";
import { type SubmitItem, type SubmitTarget, type TxOutcome, assertNoRejections, submitInLanes } from "../../lib/submit.ts";
import { stallWatchdog, waitFor } from "../../lib/wait.ts";
import { openJsonSocket } from "../../lib/websocket.ts";
import { progressLogger, senderOf } from "../../lib/workload.ts";
import type { PeerFigures, PeerWorkload } from "../index.ts";
import type { GanacheServerConfig } from "./server.ts";

const chainId = 1337;
const startTimeoutMs = 60_000;
const subscribeTimeoutMs = 10_000;
/** How long a block fetched over HTTP may wait for its newHeads announcement before we fall back. */
const announcementGraceMs = 5_000;
const blocksPerRequest = 200;
/** Ganache answers a batch only after mining all of it, so progress is watched on newHeads instead. */
const stallTimeoutMs = 60_000;
const senderBalanceWei = 10n ** 21n;
const gasPerTransfer = 21_000n;
const maxFeePerGasWei = 100_000_000_000n;
const maxPriorityFeePerGasWei = 1_000_000_000n;

interface SignedWorkload {
  readonly hashes: string[];
  readonly bySender: SubmitItem[][];
}

async function signTransfers(secretKeys: readonly Hex[], workload: PeerWorkload, random: SeededRandom): Promise<SignedWorkload> {
  const accounts = secretKeys.map((secretKey) => privateKeyToAccount(secretKey));
  const nonces = new Array<number>(accounts.length).fill(0);
  const hashes: string[] = [];
  const bySender: SubmitItem[][] = accounts.map(() => []);
  const progress = progressLogger("ganache: signed", workload.txs);
  for (let index = 0; index < workload.txs; index++) {
    const sender = senderOf(index, accounts.length);
    const nonce = nonces[sender] as number;
    nonces[sender] = nonce + 1;
    const serialized = await (accounts[sender] as (typeof accounts)[number]).signTransaction({
      type: "eip1559",
      chainId,
      nonce,
      to: `0x${random.hex(20)}`,
      value: 1n,
      gas: gasPerTransfer,
      maxFeePerGas: maxFeePerGasWei,
      maxPriorityFeePerGas: maxPriorityFeePerGasWei,
    });
    const hash = keccak256(serialized);
    hashes.push(hash);
    (bySender[sender] as SubmitItem[]).push({ index, sender, wire: serialized });
    progress(index + 1);
  }
  return { hashes, bySender };
}

function submitTarget(rpc: JsonRpcClient, hashes: readonly string[]): SubmitTarget {
  return {
    async sendBatch(items) {
      const responses = await rpc.batch(items.map((item) => ({ method: "eth_sendRawTransaction", params: [item.wire] })));
      return responses.map((response, offset): TxOutcome => {
        const item = items[offset] as SubmitItem;
        if ("error" in response) return { kind: "rejected", code: `RPC_${response.error.code}`, message: response.error.message };
        if (response.result !== hashes[item.index]) {
          return { kind: "rejected", code: "HASH_MISMATCH", message: `ganache answered ${String(response.result)}, expected ${String(hashes[item.index])}` };
        }
        return { kind: "accepted" };
      });
    },
  };
}

function quantity(value: unknown, what: string): number {
  if (typeof value !== "string" || !/^0x[0-9a-f]+$/i.test(value)) throw new BenchFailure(`ganache returned a malformed ${what}: ${JSON.stringify(value)}`);
  return Number.parseInt(value.slice(2), 16);
}

/**
 * Finds the block of every measured transaction by reading blocks after `startBlock`, then
 * gives each transaction the moment its block was announced on the newHeads subscription.
 * Reading blocks happens after submission so it adds no load while the clock runs.
 */
async function resolveCommits(
  rpc: JsonRpcClient,
  ledger: TxLedger,
  startBlock: number,
  announcedAtMs: ReadonlyMap<number, number>,
  workload: PeerWorkload,
  ganache: ManagedProcess,
): Promise<void> {
  const blockOfHash = new Map<string, number>();
  let fetchedThrough = startBlock;
  await waitFor(
    `all ${ledger.size} ganache transactions to be mined`,
    async () => {
      const latest = quantity(await rpc.call("eth_blockNumber"), "block number");
      for (let from = fetchedThrough + 1; from <= latest; from += blocksPerRequest) {
        const numbers = Array.from({ length: Math.min(blocksPerRequest, latest - from + 1) }, (_unused, offset) => from + offset);
        const responses = await rpc.batch(numbers.map((number) => ({ method: "eth_getBlockByNumber", params: [`0x${number.toString(16)}`, false] })));
        responses.forEach((response, offset) => {
          const number = numbers[offset] as number;
          if ("error" in response || !isRecord(response.result) || !Array.isArray(response.result.transactions)) {
            throw new BenchFailure(`ganache could not return block ${number}`);
          }
          for (const hash of response.result.transactions) if (typeof hash === "string" && ledger.has(hash)) blockOfHash.set(hash, number);
        });
      }
      fetchedThrough = latest;
      return blockOfHash.size === ledger.size ? true : undefined;
    },
    { timeoutMs: workload.commitTimeoutMs, intervalMs: 200, abortIf: () => ganache.assertRunning() },
  );

  const blocks = [...new Set(blockOfHash.values())].sort((a, b) => a - b);
  const lastBlock = blocks[blocks.length - 1] as number;
  await waitFor(`the newHeads announcement of block ${lastBlock}`, () => (announcedAtMs.has(lastBlock) ? true : undefined), {
    timeoutMs: announcementGraceMs,
  }).catch(() => undefined);

  // A block whose announcement never arrived takes the next announced block's time: an upper bound, so a gap can only make ganache look slower, never faster.
  const announced = [...announcedAtMs.keys()].sort((a, b) => a - b);
  let missed = 0;
  const commitTimeOf = (block: number): number => {
    const exact = announcedAtMs.get(block);
    if (exact !== undefined) return exact;
    missed++;
    const later = announced.find((number) => number > block);
    if (later === undefined) throw new BenchFailure(`ganache never announced block ${block} (nor any later block) on newHeads`);
    return announcedAtMs.get(later) as number;
  };
  const timeOfBlock = new Map(blocks.map((block) => [block, commitTimeOf(block)]));
  for (const [hash, block] of blockOfHash) ledger.markCommitted(hash, timeOfBlock.get(block) as number);
  if (missed > 0) log("ganache: some blocks were never announced on newHeads; used the next announcement", { missed, blocks: blocks.length });
  log("ganache: committed", { txs: ledger.committed, blocks: blocks.length });
}

export async function runGanache(cleanup: Cleanup, workload: PeerWorkload): Promise<PeerFigures> {
  const random = new SeededRandom(workload.seed, "ganache");
  const secretKeys: Hex[] = Array.from({ length: workload.senders }, (): Hex => `0x${random.hex(32)}`);
  const port = await freePort();
  const config: GanacheServerConfig = {
    port,
    chainId,
    accounts: secretKeys.map((secretKey) => ({ secretKey, balance: `0x${senderBalanceWei.toString(16)}` })),
    // Ganache's defaults, except that requests are processed one at a time in arrival order:
    // with its default concurrent processing, a JSON-RPC batch can hand ganache 7 a sender's
    // nonce n+1 before n, and ganache then leaves transactions stuck in its pool for good
    // (trufflesuite/ganache issues #4487 and #4522); here that hung 8,000- and 20,000-tx runs.
    instamine: "eager",
    asyncRequestProcessing: false,
  };
  // The account list can outgrow the kernel's bound on one argument, so it travels in a file.
  const directory = await temporaryDirectory(cleanup, "kexin-bench-ganache-");
  const configPath = join(directory, "config.json");
  await writeFile(configPath, JSON.stringify(config));

  log("ganache: starting", { port, senders: workload.senders });
  const ganache = ManagedProcess.start(
    cleanup,
    "ganache",
    process.execPath,
    ["--import", "tsx", join(workload.root, "bench/peers/ganache/server.ts"), configPath],
    { cwd: workload.root, echo: workload.verbose },
  );
  try {
    const [, url] = await ganache.waitForLine(/ganache listening on (\S+)/, startTimeoutMs);
    const rpc = new JsonRpcClient(url as string, workload.commitTimeoutMs);
    const reportedChainId = quantity(await rpc.call("eth_chainId"), "chain id");
    if (reportedChainId !== chainId) throw new BenchFailure(`ganache reports chain id ${reportedChainId}, expected ${chainId}`);

    const announcedAtMs = new Map<number, number>();
    let lastAnnouncementAtMs = performance.now();
    let subscriptionId: string | undefined;
    const socket = await openJsonSocket(cleanup, `ws://127.0.0.1:${port}`, subscribeTimeoutMs, (message, receivedAtMs) => {
      if (!isRecord(message)) return;
      if (message.id === 1 && typeof message.result === "string") subscriptionId = message.result;
      if (message.method !== "eth_subscription" || !isRecord(message.params) || !isRecord(message.params.result)) return;
      const number = message.params.result.number;
      if (typeof number !== "string") return;
      const height = Number.parseInt(number, 16);
      if (!announcedAtMs.has(height)) announcedAtMs.set(height, receivedAtMs);
      lastAnnouncementAtMs = receivedAtMs;
    });
    socket.send({ jsonrpc: "2.0", id: 1, method: "eth_subscribe", params: ["newHeads"] });
    await waitFor("the ganache newHeads subscription", () => subscriptionId, { timeoutMs: subscribeTimeoutMs, intervalMs: 20 });

    const startBlock = quantity(await rpc.call("eth_blockNumber"), "block number");
    const signed = await signTransfers(secretKeys, workload, random);
    const ledger = new TxLedger(signed.hashes);

    log("ganache: submitting", { txs: workload.txs, batchSize: workload.batchSize, concurrency: workload.concurrency });
    lastAnnouncementAtMs = performance.now();
    const watchdog = stallWatchdog("ganache block production", () => lastAnnouncementAtMs, stallTimeoutMs);
    const submission = submitInLanes(signed.bySender, ledger, submitTarget(rpc, signed.hashes), {
      batchSize: workload.batchSize,
      concurrency: workload.concurrency,
      timeoutMs: workload.commitTimeoutMs,
      progressFields: () => ({ blocksAnnounced: announcedAtMs.size }),
    });
    // If the watchdog wins, stopping ganache (finally, below) fails the lanes; their late rejection is expected.
    submission.catch(() => undefined);
    let report;
    try {
      report = await Promise.race([submission, watchdog.tripped]);
    } finally {
      watchdog.stop();
    }
    assertNoRejections(report, "ganache");
    await resolveCommits(rpc, ledger, startBlock, announcedAtMs, workload, ganache);

    const rssMb = peakRssMb(ganache.pid);
    await socket.close();
    const figures = ledger.figures();
    return {
      peer: "ganache",
      txs: figures.txs,
      committed: figures.committed,
      committedTps: figures.committedTps,
      p50Ms: figures.p50Ms,
      p99Ms: figures.p99Ms,
      rssMb,
    };
  } catch (error) {
    await ganache.assertRunningAfter(1_000);
    throw error;
  } finally {
    await ganache.stop();
  }
}
