import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Transaction } from "micro-eth-signer";
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

const chainId = 31_337;
/** Accounts the transfers are spread over, each funded at genesis. */
const senders = 100;
const startTimeoutMs = 60_000;
const subscribeTimeoutMs = 10_000;
/** How long a block fetched over HTTP may wait for its newHeads announcement before we fall back. */
const announcementGraceMs = 5_000;
const blocksPerRequest = 200;
/** With automine, Hardhat answers a batch only after mining all of it, so progress is watched on newHeads instead. */
const stallTimeoutMs = 60_000;
const senderBalanceWei = 10n ** 21n;
const gasPerTransfer = 21_000n;
const maxFeePerGasWei = 100_000_000_000n;
const maxPriorityFeePerGasWei = 1_000_000_000n;

interface SignedWorkload {
  readonly hashes: string[];
  readonly bySender: SubmitItem[][];
}

/** Signed with micro-eth-signer, the library Hardhat itself signs with (its local accounts provider). */
function signTransfers(secretKeys: readonly string[], workload: PeerWorkload, random: SeededRandom): SignedWorkload {
  const nonces = new Array<number>(secretKeys.length).fill(0);
  const hashes: string[] = [];
  const bySender: SubmitItem[][] = secretKeys.map(() => []);
  const progress = progressLogger("hardhat: signed", workload.txs);
  for (let index = 0; index < workload.txs; index++) {
    const sender = senderOf(index, secretKeys.length);
    const nonce = nonces[sender] as number;
    nonces[sender] = nonce + 1;
    const signed = Transaction.prepare({
      type: "eip1559",
      chainId: BigInt(chainId),
      nonce: BigInt(nonce),
      to: `0x${random.hex(20)}`,
      value: 1n,
      gasLimit: gasPerTransfer,
      maxFeePerGas: maxFeePerGasWei,
      maxPriorityFeePerGas: maxPriorityFeePerGasWei,
    }).signBy(secretKeys[sender] as string);
    const serialized = signed.toHex();
    // micro-eth-signer gives the hash without the 0x that JSON-RPC answers carry.
    const hash = `0x${signed.hash}`;
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
          return { kind: "rejected", code: "HASH_MISMATCH", message: `hardhat answered ${String(response.result)}, expected ${String(hashes[item.index])}` };
        }
        return { kind: "accepted" };
      });
    },
  };
}

function quantity(value: unknown, what: string): number {
  if (typeof value !== "string" || !/^0x[0-9a-f]+$/i.test(value)) throw new BenchFailure(`hardhat returned a malformed ${what}: ${JSON.stringify(value)}`);
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
  hardhat: ManagedProcess,
): Promise<void> {
  const blockOfHash = new Map<string, number>();
  let fetchedThrough = startBlock;
  await waitFor(
    `all ${ledger.size} hardhat transactions to be mined`,
    async () => {
      const latest = quantity(await rpc.call("eth_blockNumber"), "block number");
      for (let from = fetchedThrough + 1; from <= latest; from += blocksPerRequest) {
        const numbers = Array.from({ length: Math.min(blocksPerRequest, latest - from + 1) }, (_unused, offset) => from + offset);
        const responses = await rpc.batch(numbers.map((number) => ({ method: "eth_getBlockByNumber", params: [`0x${number.toString(16)}`, false] })));
        responses.forEach((response, offset) => {
          const number = numbers[offset] as number;
          if ("error" in response || !isRecord(response.result) || !Array.isArray(response.result.transactions)) {
            throw new BenchFailure(`hardhat could not return block ${number}`);
          }
          for (const hash of response.result.transactions) if (typeof hash === "string" && ledger.has(hash)) blockOfHash.set(hash, number);
        });
      }
      fetchedThrough = latest;
      return blockOfHash.size === ledger.size ? true : undefined;
    },
    { timeoutMs: workload.commitTimeoutMs, intervalMs: 200, abortIf: () => hardhat.assertRunning() },
  );

  const blocks = [...new Set(blockOfHash.values())].sort((a, b) => a - b);
  const lastBlock = blocks[blocks.length - 1] as number;
  await waitFor(`the newHeads announcement of block ${lastBlock}`, () => (announcedAtMs.has(lastBlock) ? true : undefined), {
    timeoutMs: announcementGraceMs,
  }).catch(() => undefined);

  // A block whose announcement never arrived takes the next announced block's time: an upper bound, so a gap can only make the peer look slower, never faster.
  const announced = [...announcedAtMs.keys()].sort((a, b) => a - b);
  let missed = 0;
  const commitTimeOf = (block: number): number => {
    const exact = announcedAtMs.get(block);
    if (exact !== undefined) return exact;
    missed++;
    const later = announced.find((number) => number > block);
    if (later === undefined) throw new BenchFailure(`hardhat never announced block ${block} (nor any later block) on newHeads`);
    return announcedAtMs.get(later) as number;
  };
  const timeOfBlock = new Map(blocks.map((block) => [block, commitTimeOf(block)]));
  for (const [hash, block] of blockOfHash) ledger.markCommitted(hash, timeOfBlock.get(block) as number);
  if (missed > 0) log("hardhat: some blocks were never announced on newHeads; used the next announcement", { missed, blocks: blocks.length });
  log("hardhat: committed", { txs: ledger.committed, blocks: blocks.length });
}

/**
 * The Hardhat Network configuration of a run: its senders funded at genesis, automine (every
 * transaction is mined into its own block as it arrives), and empty source folders so that
 * `hardhat node` has nothing to compile or download.
 */
function hardhatConfig(directory: string, secretKeys: readonly string[]): string {
  const config = {
    networks: {
      hardhat: {
        chainId,
        accounts: secretKeys.map((privateKey) => ({ privateKey, balance: senderBalanceWei.toString() })),
        mining: { auto: true, interval: 0 },
        loggingEnabled: false,
      },
    },
    paths: { root: directory, sources: join(directory, "contracts"), cache: join(directory, "cache"), artifacts: join(directory, "artifacts") },
  };
  return `module.exports = ${JSON.stringify(config, null, 2)};\n`;
}

/** The hardhat CLI of the repository's own installation. */
function hardhatCli(root: string): string {
  const require = createRequire(join(root, "package.json"));
  return join(dirname(require.resolve("hardhat/package.json")), "internal/cli/bootstrap.js");
}

export async function runHardhat(cleanup: Cleanup, workload: PeerWorkload): Promise<PeerFigures> {
  const random = new SeededRandom(workload.seed, "hardhat");
  const secretKeys = Array.from({ length: Math.min(senders, workload.txs) }, () => `0x${random.hex(32)}`);
  const directory = await temporaryDirectory(cleanup, "kexin-bench-hardhat-");
  await mkdir(join(directory, "contracts"));
  const configPath = join(directory, "hardhat.config.cjs");
  await writeFile(configPath, hardhatConfig(directory, secretKeys));

  // Signed before Hardhat starts: its HTTP server drops keep-alive connections idle for 5 s, and signing takes longer.
  const signed = signTransfers(secretKeys, workload, random);
  const port = await freePort();
  log("hardhat: starting", { port, senders: secretKeys.length });
  // Run from the repository so Hardhat finds its local installation; without the telemetry prompt, telemetry stays off.
  const env = { ...process.env, HARDHAT_DISABLE_TELEMETRY_PROMPT: "true" };
  const hardhat = ManagedProcess.start(
    cleanup,
    "hardhat",
    process.execPath,
    [hardhatCli(workload.root), "node", "--config", configPath, "--hostname", "127.0.0.1", "--port", String(port)],
    { cwd: workload.root, env, echo: workload.verbose },
  );
  try {
    const [, url] = await hardhat.waitForLine(/JSON-RPC server at (http:\/\/\S+?)\/?$/, startTimeoutMs);
    const rpc = new JsonRpcClient(url as string, workload.commitTimeoutMs);
    const reportedChainId = quantity(await rpc.call("eth_chainId"), "chain id");
    if (reportedChainId !== chainId) throw new BenchFailure(`hardhat reports chain id ${reportedChainId}, expected ${chainId}`);
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
    await waitFor("the hardhat newHeads subscription", () => subscriptionId, { timeoutMs: subscribeTimeoutMs, intervalMs: 20 });

    const startBlock = quantity(await rpc.call("eth_blockNumber"), "block number");
    const ledger = new TxLedger(signed.hashes);

    // Hardhat handles the calls of one batch concurrently, and automine refuses a nonce ahead of the
    // account's (it cannot queue): a batch may therefore hold at most one transfer per account.
    // Lanes have disjoint accounts and interleave them by nonce, so a batch of one lane's account
    // count is the largest that holds.
    const concurrency = Math.min(workload.concurrency, secretKeys.length);
    const batchSize = Math.ceil(secretKeys.length / concurrency);
    log("hardhat: submitting", { txs: workload.txs, batchSize, concurrency });
    lastAnnouncementAtMs = performance.now();
    const watchdog = stallWatchdog("hardhat block production", () => lastAnnouncementAtMs, stallTimeoutMs);
    const submission = submitInLanes(signed.bySender, ledger, submitTarget(rpc, signed.hashes), {
      batchSize,
      concurrency,
      timeoutMs: workload.commitTimeoutMs,
      progressFields: () => ({ blocksAnnounced: announcedAtMs.size }),
    });
    // If the watchdog wins, stopping hardhat (finally, below) fails the lanes; their late rejection is expected.
    submission.catch(() => undefined);
    let report;
    try {
      report = await Promise.race([submission, watchdog.tripped]);
    } finally {
      watchdog.stop();
    }
    assertNoRejections(report, "hardhat");
    await resolveCommits(rpc, ledger, startBlock, announcedAtMs, workload, hardhat);

    const rssMb = peakRssMb(hardhat.pid);
    await socket.close();
    const figures = ledger.figures();
    return {
      peer: "hardhat",
      txs: figures.txs,
      committed: figures.committed,
      committedTps: figures.committedTps,
      p50Ms: figures.p50Ms,
      p99Ms: figures.p99Ms,
      rssMb,
    };
  } catch (error) {
    await hardhat.assertRunningAfter(1_000);
    throw error;
  } finally {
    await hardhat.stop();
  }
}
