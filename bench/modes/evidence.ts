import { assertAnchorsExecuted, measureAnchors } from "../lib/kexin/anchors.ts";
import { withFundedDevNode } from "../lib/kexin/fundedDevNode.ts";
import type { BenchMode, ModeContext } from "../lib/mode.ts";
import { log, round } from "../lib/output.ts";
import { peakRssMb } from "../lib/rss.ts";
import { alternateRounds, medianPhaseFields } from "../lib/rounds.ts";
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
    return { ...run.figures, rssMb, cpuMsPerTx: undefined };
  });
}

export const mode: BenchMode = {
  summary: "one development node (solo consensus): evidence anchors through the public API, alternating with solo's transfers for the ratio",
  options: ["txs", "senders", "batchSize", "concurrency", "seed", "commitTimeoutS", "rounds", "verbose"],
  async run(context) {
    const { measured, references, ratios } = await alternateRounds("evidence", context.options.rounds, () => runEvidence(context), () => runKexinSolo(context));
    const ratio = median(ratios);
    log(ratio >= targetRatioMin ? "evidence: anchors meet the target" : "evidence: anchors are below the target", { ratio: round(ratio, 3), targetRatioMin });
    return {
      mode: "evidence",
      anchors: context.options.txs,
      rounds: context.options.rounds,
      ...medianPhaseFields(measured),
      solo_tps: round(median(references.map((solo) => solo.committedTps)), 1),
      ratio: round(ratio, 3),
      ratios,
    };
  },
};
