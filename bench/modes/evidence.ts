import { BenchFailure } from "../lib/errors.ts";
import { TxSigner, loadDevAdmin } from "../lib/kexin/accounts.ts";
import { assertAnchorsExecuted, measureAnchors } from "../lib/kexin/anchors.ts";
import { BlockFeed } from "../lib/kexin/blocks.ts";
import { devOrganisation, startDevNode } from "../lib/kexin/node.ts";
import { registerFundedSenders } from "../lib/kexin/setup.ts";
import type { BenchMode, ModeContext } from "../lib/mode.ts";
import { log, round } from "../lib/output.ts";
import { peakRssMb } from "../lib/rss.ts";
import { type KexinFigures, runKexinSolo } from "./solo.ts";

/** Far enough ahead that no measured transaction expires, whatever the block rate. */
const expiryMarginBlocks = 100_000;
const pointsEach = 10 ** 12;
const stallTimeoutMs = 60_000;
const setupTimeoutMs = 120_000;
const websocketOpenTimeoutMs = 10_000;
/** The service's target: anchors commit at least at the solo transfer rate, less 20%. */
const targetRatioMin = 0.8;

async function runEvidence({ options, cleanup, root }: ModeContext): Promise<KexinFigures> {
  log("evidence: starting a development node");
  const node = await startDevNode(cleanup, { root, verbose: options.verbose });
  try {
    const abortIf = (): void => node.process.assertRunning();
    const status = await node.api.status();
    if (status.consensus !== "solo") throw new BenchFailure(`the dev node runs "${status.consensus}" consensus, expected "solo"`);
    log("evidence: node is up", { url: node.api.url, chainId: status.chainId, suite: status.suite, height: status.height });

    const { suite, admin } = await loadDevAdmin(node.home, status.suite);
    const signer = new TxSigner(suite, status.chainId, status.height + expiryMarginBlocks);
    const feed = await BlockFeed.open(cleanup, node.api, websocketOpenTimeoutMs);
    // The same setup as solo's, so both measurements start from a chain of the same size.
    const senders = await registerFundedSenders(
      node.api,
      signer,
      admin,
      options.senders,
      { organisation: devOrganisation, role: "merchant", pointsEach },
      { timeoutMs: setupTimeoutMs, abortIf },
    );
    if (feed.blocksSeen === 0) throw new BenchFailure("setup transactions committed but no block was announced on GET /v1/ws");

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
    await feed.close();
    log("evidence: done", { committed: run.figures.committed, tps: round(run.figures.committedTps, 1), spanMs: round(run.figures.spanMs, 0) });
    return { ...run.figures, rssMb };
  } catch (error) {
    // A dead node shows up first as a reset connection; name the real cause.
    await node.process.assertRunningAfter(1_000);
    throw error;
  } finally {
    await node.process.stop();
  }
}

export const mode: BenchMode = {
  summary: "one development node (solo consensus): evidence anchors through the public API, then solo's transfers for the ratio",
  options: ["txs", "senders", "batchSize", "concurrency", "seed", "commitTimeoutS", "verbose"],
  async run(context) {
    const evidence = await runEvidence(context);
    // The reference runs after the evidence node has stopped, on a fresh node, so the two never share the CPU.
    const solo = await runKexinSolo(context);
    const ratio = evidence.committedTps / solo.committedTps;
    log(ratio >= targetRatioMin ? "evidence: anchors meet the target" : "evidence: anchors are below the target", { ratio: round(ratio, 3), targetRatioMin });
    return {
      mode: "evidence",
      anchors: context.options.txs,
      committed_tps: round(evidence.committedTps, 1),
      p50_ms: round(evidence.p50Ms, 1),
      p99_ms: round(evidence.p99Ms, 1),
      rss_mb: evidence.rssMb === undefined ? null : round(evidence.rssMb, 1),
      solo_tps: round(solo.committedTps, 1),
      ratio: round(ratio, 3),
    };
  },
};
