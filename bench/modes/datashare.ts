import { groupCpuSeconds } from "../lib/cpu.ts";
import { BenchFailure } from "../lib/errors.ts";
import { isRecord } from "../lib/http.ts";
import { TxSigner, loadDevAdmin, loadOrganisationAdmin } from "../lib/kexin/accounts.ts";
import { BlockFeed } from "../lib/kexin/blocks.ts";
import { type DatashareReadFigures, measureDatashareReads } from "../lib/kexin/datashareReads.ts";
import { addDatashareCredits, benchPrice, datashareOwner, setUpDatashare } from "../lib/kexin/datashareSetup.ts";
import { startDevNode } from "../lib/kexin/node.ts";
import type { BenchMode, ModeContext } from "../lib/mode.ts";
import { log, round } from "../lib/output.ts";
import { peakRssMb } from "../lib/rss.ts";
import { median } from "../lib/stats.ts";
import { runKexinSolo } from "./solo.ts";

const stallTimeoutMs = 60_000;
const setupTimeoutMs = 120_000;
const websocketOpenTimeoutMs = 10_000;
/** Far enough ahead that no measured access expires, whatever the block rate. */
const expiryMarginBlocks = 100_000;
/** Records the owner shares; accesses go round them. */
const recordsShared = 200;
/** Batch reads (one requester's accesses of one block: challenge, release, ciphertexts not yet held, decryption) in flight at once, as many clients reading. */
const readConcurrency = 64;
/** The service's target: audited reads at least at 0.7 of the solo transfer rate. */
const targetRatioMin = 0.7;

/** Where the machine's cores went during the measured phase: CPU milliseconds per access, the node's and the bench's (signing, reading, decrypting). */
function logCpuPerAccess(accesses: number, nodeBeforeS: number | undefined, nodeAfterS: number | undefined, bench: NodeJS.CpuUsage): void {
  const nodeMs = nodeBeforeS === undefined || nodeAfterS === undefined ? null : round(((nodeAfterS - nodeBeforeS) * 1000) / accesses, 3);
  log("datashare: CPU per access, ms", { node: nodeMs, bench: round((bench.user + bench.system) / 1000 / accesses, 3) });
}

type DatashareFigures = DatashareReadFigures & { readonly rssMb: number | undefined };

/** One development node with datashare credits in genesis: setup (not measured), then the accesses and their reads. */
async function runDatashare(context: ModeContext): Promise<DatashareFigures> {
  const { options, cleanup } = context;
  log("datashare: starting a development node");
  const node = await startDevNode(cleanup, { root: context.root, suite: options.suite, verbose: options.verbose, prepareHome: addDatashareCredits });
  const abortIf = () => node.process.assertRunning();
  try {
    const status = await node.api.status();
    const { suite, admin: requesterAdmin } = await loadDevAdmin(node.home, status.suite);
    const { admin: ownerAdmin } = await loadOrganisationAdmin(node.home, datashareOwner, status.suite);
    const signer = new TxSigner(suite, status.chainId, status.height + expiryMarginBlocks);
    const feed = await BlockFeed.open(cleanup, node.api, websocketOpenTimeoutMs);
    const bench = await setUpDatashare(
      node.api,
      signer,
      { owner: ownerAdmin, requester: requesterAdmin },
      { records: recordsShared, requesters: options.senders, seed: options.seed },
      { timeoutMs: setupTimeoutMs, abortIf },
    );
    const cpuBeforeS = { node: groupCpuSeconds(node.process.pid), bench: process.cpuUsage() };
    const figures = await measureDatashareReads(
      node.api,
      signer,
      bench,
      feed,
      { txs: options.txs, batchSize: options.batchSize, concurrency: options.concurrency, readConcurrency, commitTimeoutMs: options.commitTimeoutS * 1000, stallTimeoutMs },
      abortIf,
    );
    const rssMb = peakRssMb(node.process.pid);
    logCpuPerAccess(options.txs, cpuBeforeS.node, groupCpuSeconds(node.process.pid), process.cpuUsage(cpuBeforeS.bench));
    await feed.close();
    // Every read succeeded, so every access executed; the credits say each paid exactly once.
    const credits = await node.api.query("datashare", "credits", { organisation: datashareOwner });
    const earned = isRecord(credits) ? credits.balance : undefined;
    if (earned !== options.txs * benchPrice) throw new BenchFailure(`the owner earned ${String(earned)} credits for ${options.txs} accesses at ${benchPrice}`);
    log("datashare: done", { accesses: figures.accesses, readsPerS: round(figures.readsPerS, 1), accessesCommittedPerS: round(figures.accessesCommittedPerS, 1), spanMs: round(figures.spanMs, 0) });
    return { ...figures, rssMb };
  } catch (error) {
    await node.process.assertRunningAfter(1_000);
    throw error;
  } finally {
    await node.process.stop();
  }
}

export const mode: BenchMode = {
  summary: "one development node (solo consensus): audited datashare accesses, each followed by its key release and decryption, alternating with solo's transfers for the ratio",
  options: ["txs", "senders", "batchSize", "concurrency", "seed", "commitTimeoutS", "rounds", "verbose"],
  async run(context) {
    const rounds: { readonly datashare: DatashareFigures; readonly soloTps: number; readonly ratio: number }[] = [];
    // Reads and transfers alternate on fresh nodes, so a slow spell of a shared machine hits one round, not one side.
    for (let roundIndex = 0; roundIndex < context.options.rounds; roundIndex++) {
      const datashare = await runDatashare(context);
      const solo = await runKexinSolo(context);
      rounds.push({ datashare, soloTps: solo.committedTps, ratio: round(datashare.readsPerS / solo.committedTps, 3) });
      log("datashare: round done", { round: roundIndex + 1, ratio: rounds.at(-1)?.ratio ?? null });
    }
    const ratio = median(rounds.map((entry) => entry.ratio));
    log(ratio >= targetRatioMin ? "datashare: reads meet the target" : "datashare: reads are below the target", { ratio: round(ratio, 3), targetRatioMin });
    const of = (field: keyof DatashareReadFigures) => median(rounds.map((entry) => entry.datashare[field]));
    const rssValues = rounds.flatMap((entry) => (entry.datashare.rssMb === undefined ? [] : [entry.datashare.rssMb]));
    return {
      mode: "datashare",
      accesses: context.options.txs,
      rounds: context.options.rounds,
      committed_tps: round(of("readsPerS"), 1),
      access_commit_tps: round(of("accessesCommittedPerS"), 1),
      p50_ms: round(of("p50Ms"), 1),
      p99_ms: round(of("p99Ms"), 1),
      commit_p50_ms: round(of("commitP50Ms"), 1),
      rss_mb: rssValues.length === 0 ? null : round(Math.max(...rssValues), 1),
      solo_tps: round(median(rounds.map((entry) => entry.soloTps)), 1),
      ratio: round(ratio, 3),
      ratios: rounds.map((entry) => entry.ratio),
    };
  },
};
