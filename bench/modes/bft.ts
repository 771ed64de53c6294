import { groupCpuSeconds } from "../lib/cpu.ts";
import { BenchFailure, UsageError } from "../lib/errors.ts";
import { type Account, TxSigner, loadDevAdmin } from "../lib/kexin/accounts.ts";
import { type BlockArrival, BlockFeed, recordBlockArrivals, summariseBlockArrivals } from "../lib/kexin/blocks.ts";
import { devOrganisation } from "../lib/kexin/node.ts";
import { measurePacedTransfers } from "../lib/kexin/paced.ts";
import { registerFundedSenders } from "../lib/kexin/setup.ts";
import { type Testnet, type TestnetValidator, startTestnet } from "../lib/kexin/testnet.ts";
import { type SubmitRoute, assertTransfersExecuted, measureTransfers } from "../lib/kexin/transfers.ts";
import type { BenchMode } from "../lib/mode.ts";
import { type BenchOptions, benchLimits } from "../lib/options.ts";
import { type ResultValue, log, round } from "../lib/output.ts";
import { peakRssMb } from "../lib/rss.ts";
import { summariseLatencies } from "../lib/stats.ts";
import { waitFor } from "../lib/wait.ts";

const validatorCount = 4;
/** Far enough ahead that no measured transaction expires, whatever the block rate. */
const expiryMarginBlocks = 100_000;
const pointsEach = 10 ** 12;
const stallTimeoutMs = 60_000;
const setupTimeoutMs = 120_000;
const websocketOpenTimeoutMs = 10_000;
/** Bound on the cluster forming a quorum, and on every validator catching up with the block feed's node. */
const convergeTimeoutMs = 60_000;
const pacedTickMs = 50;

/**
 * Sender s is the j-th sender of lane s mod C (j = ⌊s / C⌋) and goes to validator (lane + j) mod N:
 * every lane has senders on every validator, and the validators take equal shares. A sender stays
 * on its validator for the whole run, so its nonces reach one mempool in order.
 */
function validatorOfSender(sender: number, concurrency: number): number {
  return ((sender % concurrency) + Math.floor(sender / concurrency)) % validatorCount;
}

/** Waits until every validator has committed `height`, so the next phase starts with none of them behind. */
async function waitAllAtHeight(testnet: Testnet, height: number, what: string): Promise<void> {
  await Promise.all(
    testnet.validators.map((validator) =>
      waitFor(`${validator.name} to reach height ${height} (${what})`, async () => ((await validator.api.healthz()) >= height ? true : undefined), {
        timeoutMs: convergeTimeoutMs,
        intervalMs: 50,
        abortIf: () => testnet.assertRunning(),
      }),
    ),
  );
}

/**
 * Where a phase spent the machine: CPU seconds per validator and for the bench itself, and what
 * its blocks looked like (size, spacing, the round they were decided in, and the time from the
 * proposer building each block to its announcement). Logged only; the result does not depend on it.
 */
/** `stop` logs the phase's CPU and blocks, and gives the validators' mean CPU milliseconds per transaction of the phase. */
function phaseMeter(testnet: Testnet, feed: BlockFeed, verbose: boolean): { start(): void; stop(phase: string, txs: number): Promise<number | undefined> } {
  const cpuOf = (): (number | undefined)[] => testnet.validators.map((validator) => groupCpuSeconds(validator.process.pid));
  const nameOf = new Map(testnet.validators.map((validator) => [validator.validatorPublicKey, validator.name]));
  let cpuAtStart: (number | undefined)[] = [];
  let benchCpuAtStart = process.cpuUsage();
  let startMs = performance.now();
  let startWallMs = Date.now();
  let recording: { stop(): BlockArrival[] } | undefined;
  return {
    start() {
      cpuAtStart = cpuOf();
      benchCpuAtStart = process.cpuUsage();
      startMs = performance.now();
      startWallMs = Date.now();
      recording = recordBlockArrivals(feed);
    },
    async stop(phase, txs) {
      if (recording === undefined) return undefined;
      const wallS = (performance.now() - startMs) / 1000;
      const benchCpu = process.cpuUsage(benchCpuAtStart);
      const cpu: Record<string, ResultValue> = { wallS: round(wallS, 2) };
      const validatorSeconds: number[] = [];
      cpuOf().forEach((seconds, index) => {
        const atStart = cpuAtStart[index];
        const used = seconds === undefined || atStart === undefined ? undefined : seconds - atStart;
        if (used !== undefined) validatorSeconds.push(used);
        cpu[testnet.validators[index]?.name ?? String(index)] = used === undefined ? null : round(used, 2);
      });
      cpu.bench = round((benchCpu.user + benchCpu.system) / 1e6, 2);
      // What a cluster of this many validators can commit on this many cores is about cores / (validators × this).
      const msPerTxPerValidator = validatorSeconds.length === 0 || txs === 0 ? undefined : (1000 * validatorSeconds.reduce((sum, value) => sum + value, 0)) / validatorSeconds.length / txs;
      cpu.msPerTxPerValidator = msPerTxPerValidator === undefined ? null : round(msPerTxPerValidator, 3);
      log(`kexin: ${phase}: CPU seconds per process (2 cores = ${round(2 * wallS, 1)} s available)`, cpu);

      // Announcements the bench read late (its event loop was busy signing) can belong to blocks built before the phase; leave those out.
      const api = (testnet.validators[0] as TestnetValidator).api;
      const arrivals: BlockArrival[] = [];
      const builtToAnnouncedMs: number[] = [];
      let laterRounds = 0;
      for (const arrival of recording.stop()) {
        const view = await api.block(arrival.height);
        if (view.time < startWallMs) continue;
        // Block headers carry the proposer's wall clock; announcements are timed on the monotonic clock.
        const delayMs = startWallMs + (arrival.receivedAtMs - startMs) - view.time;
        const previous = arrivals.at(-1);
        arrivals.push(arrival);
        builtToAnnouncedMs.push(delayMs);
        if (view.round > 0) laterRounds++;
        if (verbose) {
          log(`kexin: ${phase}: block`, {
            height: view.height,
            txs: view.txCount,
            round: view.round,
            proposer: nameOf.get(view.proposer) ?? view.proposer.slice(0, 12),
            builtToAnnouncedMs: round(delayMs, 1),
            sincePreviousMs: previous === undefined ? null : round(arrival.receivedAtMs - previous.receivedAtMs, 1),
          });
        }
      }
      const blocks = summariseBlockArrivals(arrivals);
      const delays = summariseLatencies(Float64Array.from(builtToAnnouncedMs));
      log(`kexin: ${phase}: blocks built and announced`, {
        blocks: blocks.blocks,
        emptyBlocks: blocks.emptyBlocks,
        decidedAfterRound0: laterRounds,
        txsPerBlockMean: round(blocks.txsPerBlockMean, 1),
        txsPerBlockMax: blocks.txsPerBlockMax,
        intervalMsP50: round(blocks.intervalMsP50, 1),
        intervalMsMax: round(blocks.intervalMsMax, 1),
        builtToAnnouncedMsP50: round(delays.p50Ms, 1),
        builtToAnnouncedMsMax: round(delays.maxMs, 1),
      });
      return msPerTxPerValidator;
    },
  };
}

/**
 * Runs `--warmup-txs` transfers through the cluster before anything is measured, so the throughput
 * phase sees validators whose hot paths V8 has already compiled (in a cold cluster a tenth or more
 * of the CPU goes to the JIT during the first seconds of load), as a long-running node would be.
 * Returns the transfers each sender sent.
 */
async function warmUp(
  testnet: Testnet,
  route: SubmitRoute,
  signer: TxSigner,
  senders: readonly Account[],
  feed: BlockFeed,
  options: BenchOptions,
  abortIf: () => void,
): Promise<readonly number[]> {
  if (options.warmupTxs === 0) return [];
  const warmup = await measureTransfers(
    route,
    signer,
    senders,
    feed,
    {
      txs: options.warmupTxs,
      batchSize: options.batchSize,
      concurrency: options.concurrency,
      seed: `${options.seed}/warm-up`,
      program: devOrganisation,
      commitTimeoutMs: options.commitTimeoutS * 1000,
      stallTimeoutMs,
    },
    abortIf,
  );
  log("kexin: warm-up done (not measured)", { committed: warmup.figures.committed, tps: round(warmup.figures.committedTps, 1) });
  await waitAllAtHeight(testnet, feed.lastHeight, "warm-up");
  return warmup.sentBySender;
}

export const mode: BenchMode = {
  summary: "a 4-validator BFT testnet, one process each: throughput, then finality at a paced offered load",
  options: ["txs", "senders", "batchSize", "concurrency", "seed", "commitTimeoutS", "rate", "finalityS", "warmupTxs", "verbose"],
  verifyingNodes: validatorCount,
  async run({ options, cleanup, root }) {
    if (options.senders < validatorCount) throw new UsageError(`--senders must be at least ${validatorCount}, so every validator takes some`);
    const rate = options.rate;
    if (rate === "half") throw new UsageError("--rate half applies to solo only; give bft a number of transactions a second");
    const pacedTxs = rate * options.finalityS;
    if (pacedTxs > benchLimits.txsMax) throw new UsageError(`--rate × --finality-s is ${pacedTxs} transactions; at most ${benchLimits.txsMax}`);
    const served = new Set(Array.from({ length: options.senders }, (_unused, sender) => validatorOfSender(sender, options.concurrency)));
    if (served.size < validatorCount) throw new UsageError(`with --senders ${options.senders} and --concurrency ${options.concurrency} some validators get no sender; use more senders`);

    log("kexin: starting a BFT testnet", { validators: validatorCount });
    const testnet = await startTestnet(cleanup, { root, validators: validatorCount, suite: options.suite, verbose: options.verbose });
    try {
      const abortIf = (): void => testnet.assertRunning();
      const [first] = testnet.validators;
      if (first === undefined) throw new BenchFailure("the testnet has no validators");
      const status = await first.api.status();
      if (status.consensus !== "bft") throw new BenchFailure(`the testnet runs "${status.consensus}" consensus, expected "bft"`);
      if (status.chainId !== testnet.chainId) throw new BenchFailure(`${first.name} reports chain ${status.chainId}, testnet.json says ${testnet.chainId}`);
      // A committed block proves the validators found each other and formed a quorum.
      await waitAllAtHeight(testnet, 1, "a quorum to form");
      log("kexin: testnet is up", { urls: testnet.validators.map((validator) => validator.api.url).join(" "), chainId: status.chainId, suite: status.suite });

      const route: SubmitRoute = {
        apis: testnet.validators.map((validator) => validator.api),
        apiOfSender: (sender) => validatorOfSender(sender, options.concurrency),
      };
      const { suite, admin } = await loadDevAdmin(testnet.dir, status.suite);
      const signer = new TxSigner(suite, status.chainId, status.height + expiryMarginBlocks);
      const feed = await BlockFeed.open(cleanup, first.api, websocketOpenTimeoutMs);
      const senders = await registerFundedSenders(
        first.api,
        signer,
        admin,
        options.senders,
        { organisation: devOrganisation, role: "merchant", pointsEach },
        { timeoutMs: setupTimeoutMs, abortIf },
      );
      if (feed.blocksSeen === 0) throw new BenchFailure("setup transactions committed but no block was announced on GET /v1/ws");
      // The other validators must know the new members before they are sent their transactions.
      await waitAllAtHeight(testnet, feed.lastHeight, "setup");

      const commitTimeoutMs = options.commitTimeoutS * 1000;
      const warmupSentBySender = await warmUp(testnet, route, signer, senders, feed, options, abortIf);
      const throughputMeter = phaseMeter(testnet, feed, options.verbose);
      const pacedMeter = phaseMeter(testnet, feed, options.verbose);
      const throughput = await measureTransfers(
        route,
        signer,
        senders,
        feed,
        {
          txs: options.txs,
          batchSize: options.batchSize,
          concurrency: options.concurrency,
          seed: options.seed,
          program: devOrganisation,
          commitTimeoutMs,
          stallTimeoutMs,
          beforeSubmit: () => throughputMeter.start(),
        },
        abortIf,
      );
      const throughputCpuMsPerTx = await throughputMeter.stop("throughput phase", throughput.figures.committed);
      log("kexin: throughput phase done", {
        committed: throughput.figures.committed,
        tps: round(throughput.figures.committedTps, 1),
        spanMs: round(throughput.figures.spanMs, 0),
      });
      // The paced phase starts from a quiet cluster: nothing left in a mempool, no validator behind.
      await waitAllAtHeight(testnet, feed.lastHeight, "throughput phase");

      const paced = await measurePacedTransfers(
        route,
        signer,
        senders,
        feed,
        {
          ratePerSecond: rate,
          durationS: options.finalityS,
          tickMs: pacedTickMs,
          seed: options.seed,
          program: devOrganisation,
          commitTimeoutMs,
          stallTimeoutMs,
          beforeSubmit: () => pacedMeter.start(),
        },
        abortIf,
      );
      await pacedMeter.stop("finality phase", paced.figures.committed);
      log("kexin: finality phase done", {
        committed: paced.figures.committed,
        offeredTps: round(paced.offeredTps, 1),
        committedTps: round(paced.figures.committedTps, 1),
        finalityMaxMs: round(paced.figures.maxMs, 1),
        sendLagMsMax: round(paced.sendLagMsMax, 1),
        fromScheduleP50Ms: round(paced.fromSchedule.p50Ms, 1),
        fromScheduleP99Ms: round(paced.fromSchedule.p99Ms, 1),
      });

      const rssByValidator = testnet.validators.map((validator) => peakRssMb(validator.process.pid));
      const sentBySender = throughput.sentBySender.map((count, sender) => count + (paced.sentBySender[sender] ?? 0) + (warmupSentBySender[sender] ?? 0));
      await assertTransfersExecuted(first.api, senders, sentBySender, devOrganisation, BigInt(pointsEach));
      await feed.close();

      const rssKnown = rssByValidator.every((rss) => rss !== undefined);
      const rss = rssByValidator as number[];
      return {
        mode: "bft",
        txs: options.txs,
        warmup_txs: options.warmupTxs,
        committed_tps: round(throughput.figures.committedTps, 1),
        p50_ms: round(throughput.figures.p50Ms, 1),
        p99_ms: round(throughput.figures.p99Ms, 1),
        rss_mb: rssKnown ? round(rss.reduce((sum, value) => sum + value, 0), 1) : null,
        rss_mb_max: rssKnown ? round(Math.max(...rss), 1) : null,
        cpu_ms_per_tx_per_validator: throughputCpuMsPerTx === undefined ? null : round(throughputCpuMsPerTx, 3),
        offered_tps: Number.isFinite(paced.offeredTps) ? round(paced.offeredTps, 1) : null,
        finality_txs: paced.figures.txs,
        finality_p50_ms: round(paced.figures.p50Ms, 1),
        finality_p99_ms: round(paced.figures.p99Ms, 1),
      };
    } catch (error) {
      // A dead validator shows up first as a reset connection; name the real cause.
      await testnet.assertRunningAfter(1_000);
      throw error;
    } finally {
      await testnet.stop();
    }
  },
};
