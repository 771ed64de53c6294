import type { BenchMode } from "../lib/mode.ts";
import { round } from "../lib/output.ts";
import { runGanache } from "../peers/ganache/index.ts";
import { runPeer } from "../peers/index.ts";

/** Internal: runs only the ganache side of `solo --vs ganache`, to check the peer harness on its own. */
export const mode: BenchMode = {
  summary: "(debugging) only the ganache peer of `solo --vs ganache`",
  options: ["txs", "senders", "batchSize", "concurrency", "seed", "commitTimeoutS", "verbose"],
  async run({ options, cleanup, root }) {
    const figures = await runPeer(runGanache, cleanup, options, root);
    return {
      mode: "ganache-only",
      txs: figures.txs,
      peer: figures.peer,
      peer_tps: round(figures.committedTps, 1),
      peer_p50_ms: round(figures.p50Ms, 1),
      peer_p99_ms: round(figures.p99Ms, 1),
      peer_rss_mb: figures.rssMb === undefined ? null : round(figures.rssMb, 1),
    };
  },
};
