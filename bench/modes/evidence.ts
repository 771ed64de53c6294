import { assertAnchorsExecuted, measureAnchors } from "../lib/kexin/anchors.ts";
import { withFundedDevNode } from "../lib/kexin/fundedDevNode.ts";
import type { BenchMode, ModeContext } from "../lib/mode.ts";
import { log, round } from "../lib/output.ts";
import { peakRssMb } from "../lib/rss.ts";
import { median } from "../lib/stats.ts";
import { type KexinFigures, runKexinSolo } from "./solo.ts";

const stallTimeoutMs = 60_000;
/** The service's target: anchors commit at least at the solo transfer rate, less 20%. */
const targetRatioMin = 0.8;

async function runEvidence(context: ModeContext): Promise<KexinFigures> {
  const { options } = context;
  // The same setup as solo's, so both measurements start from a chain of the same size.
  return withFundedDevNode(context, "evidence", async ({ node, abortIf, signer, senders, feed }) => {
    const run = await measureAnchors(
      node.api,
      signer,
      senders,
      feed,
      { txs: options.txs, batchSize: options.batchSize, concurrency: options.concurrency, seed: options.seed, commitTimeoutMs: options.commitTimeoutS * 1000, stallTimeoutMs },
      abortIf,
    );
    const rssMb = peakRssMb(node.process.pid);
    await assertAnchorsExecuted(node.api, senders, run.sentBySender);
    log("evidence: done", { committed: run.figures.committed, tps: round(run.figures.committedTps, 1), spanMs: round(run.figures.spanMs, 0) });
    return { ...run.figures, rssMb };
  });
}

export const mode: BenchMode = {
  summary: "one development node (solo consensus): evidence anchors through the public API, alternating with solo's transfers for the ratio",
  options: ["txs", "senders", "batchSize", "concurrency", "seed", "commitTimeoutS", "rounds", "verbose"],
  async run(context) {
    const evidenceRounds: KexinFigures[] = [];
    const soloRounds: KexinFigures[] = [];
    const ratios: number[] = [];
    // Anchors and transfers alternate, so a slow spell of a shared machine hits one round, not one side.
    for (let roundIndex = 0; roundIndex < context.options.rounds; roundIndex++) {
      const evidence = await runEvidence(context);
      // The reference runs after the evidence node has stopped, on a fresh node, so the two never share the CPU.
      const solo = await runKexinSolo(context);
      evidenceRounds.push(evidence);
      soloRounds.push(solo);
      ratios.push(round(evidence.committedTps / solo.committedTps, 3));
      log("evidence: round done", { round: roundIndex + 1, ratio: ratios.at(-1) as number });
    }
    const ratio = median(ratios);
    log(ratio >= targetRatioMin ? "evidence: anchors meet the target" : "evidence: anchors are below the target", { ratio: round(ratio, 3), targetRatioMin });
    const rssValues = evidenceRounds.flatMap((evidence) => (evidence.rssMb === undefined ? [] : [evidence.rssMb]));
    return {
      mode: "evidence",
      anchors: context.options.txs,
      rounds: context.options.rounds,
      committed_tps: round(median(evidenceRounds.map((evidence) => evidence.committedTps)), 1),
      p50_ms: round(median(evidenceRounds.map((evidence) => evidence.p50Ms)), 1),
      p99_ms: round(median(evidenceRounds.map((evidence) => evidence.p99Ms)), 1),
      rss_mb: rssValues.length === 0 ? null : round(Math.max(...rssValues), 1),
      solo_tps: round(median(soloRounds.map((solo) => solo.committedTps)), 1),
      ratio: round(ratio, 3),
      ratios,
    };
  },
};
