import { TxSigner, loadOrganisationAdmin } from "../lib/kexin/accounts.ts";
import { BlockFeed } from "../lib/kexin/blocks.ts";
import { withDevNode } from "../lib/kexin/fundedDevNode.ts";
import { assertExchangesExecuted, exchangeCall, pointsBench, setUpPointsExchange } from "../lib/kexin/pointsExchange.ts";
import { measureSignedOnNode, signWorkload } from "../lib/kexin/transfers.ts";
import type { BenchMode, ModeContext } from "../lib/mode.ts";
import { log, round } from "../lib/output.ts";
import { type PhaseFigures, alternateRounds, medianPhaseFields, phaseCpuFigures } from "../lib/rounds.ts";
import { median } from "../lib/stats.ts";
import { runKexinSolo } from "./solo.ts";

const setupTimeoutMs = 120_000;
const websocketOpenTimeoutMs = 10_000;
/** Far enough ahead that no measured transaction expires, whatever the block rate. */
const expiryMarginBlocks = 100_000;
/** Issue 18's target: exchanges between programs commit at least at 0.8 of the rate of plain points transfers. */
const targetRatioMin = 0.8;

/** One round's exchange side: a fresh development node, the programs, agreement and members set up (not measured), then the measured exchanges. */
function runExchanges(context: ModeContext): Promise<PhaseFigures> {
  const { options, cleanup } = context;
  return withDevNode(context, "points", async (node, abortIf) => {
    const status = await node.api.status();
    const { suite, admin: adminA } = await loadOrganisationAdmin(node.home, pointsBench.merchantA, status.suite);
    const { admin: adminB } = await loadOrganisationAdmin(node.home, pointsBench.merchantB, status.suite);
    const signer = new TxSigner(suite, status.chainId, status.height + expiryMarginBlocks);
    const feed = await BlockFeed.open(cleanup, node.api, websocketOpenTimeoutMs);
    const members = await setUpPointsExchange(node.api, signer, { a: adminA, b: adminB }, options.senders, { timeoutMs: setupTimeoutMs, abortIf });
    const signed = signWorkload(signer, members, options.txs, "points", exchangeCall);
    const { figures, cpuMsPerTx, rssMb } = await measureSignedOnNode({ api: node.api, pid: node.process.pid }, signed, feed, options, "points", abortIf);
    await feed.close();
    await assertExchangesExecuted(node.api, options.txs);
    log("points: done", { committed: figures.committed, tps: round(figures.committedTps, 1), spanMs: round(figures.spanMs, 0), cpuMsPerTx: cpuMsPerTx === undefined ? null : round(cpuMsPerTx, 3) });
    return { ...figures, rssMb, cpuMsPerTx };
  });
}

export const mode: BenchMode = {
  summary: "one development node (solo consensus): members exchange points of one merchant's program for another's under an agreement, alternating with solo's transfers for the ratio",
  options: ["txs", "senders", "batchSize", "concurrency", "seed", "commitTimeoutS", "rounds", "verbose"],
  async run(context) {
    const { measured, references, ratios } = await alternateRounds("points", context.options.rounds, () => runExchanges(context), () => runKexinSolo(context));
    const ratio = median(ratios);
    log(ratio >= targetRatioMin ? "points: exchanges meet the target" : "points: exchanges are below the target", { ratio: round(ratio, 3), targetRatioMin });
    const { committed_tps, ...latencies } = medianPhaseFields(measured);
    const cpu = phaseCpuFigures(measured, references);
    return {
      mode: "points",
      exchanges: context.options.txs,
      rounds: context.options.rounds,
      committed_tps,
      transfer_tps: round(median(references.map((transfers) => transfers.committedTps)), 1),
      ratio: round(ratio, 3),
      ratios,
      ...latencies,
      cpu_ms_per_tx: cpu.measured,
      transfer_cpu_ms_per_tx: cpu.reference,
      cpu_ratio: cpu.ratio,
    };
  },
};
