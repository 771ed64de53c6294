import { BenchFailure, UsageError } from "../lib/errors.ts";
import { TxSigner, loadDevAdmin } from "../lib/kexin/accounts.ts";
import { BlockFeed } from "../lib/kexin/blocks.ts";
import { devOrganisation, startDevNode } from "../lib/kexin/node.ts";
import { loadTraceEvents } from "../lib/kexin/traceLoad.ts";
import { assertEventCount, measureHistoryLookups } from "../lib/kexin/traceLookups.ts";
import { setUpTrace } from "../lib/kexin/traceSetup.ts";
import { TraceWorkload, stepsPerUnit } from "../lib/kexin/traceWorkload.ts";
import type { BenchMode } from "../lib/mode.ts";
import { log, round } from "../lib/output.ts";
import { peakRssMb } from "../lib/rss.ts";

/** Far enough ahead that no transaction of a long load expires. */
const expiryMarginBlocks = 1_000_000;
const lookupCount = 2_000;
const lookupTimeoutMs = 10_000;
const setupTimeoutMs = 120_000;
const stallTimeoutMs = 120_000;
const websocketOpenTimeoutMs = 10_000;

export const mode: BenchMode = {
  summary: "one development node: EPCIS lifecycle events through import_epcis, then history lookups by UDI",
  options: ["events", "senders", "batchSize", "concurrency", "seed", "commitTimeoutS", "verbose"],
  async run({ options, cleanup, root }) {
    const events = options.events;
    if (events % stepsPerUnit !== 0) throw new UsageError(`--events must be a multiple of ${stepsPerUnit} (each unit has ${stepsPerUnit} lifecycle events), got ${events}`);
    const units = events / stepsPerUnit;

    log("trace: starting a development node");
    const node = await startDevNode(cleanup, { root, suite: options.suite, verbose: options.verbose });
    try {
      const abortIf = (): void => node.process.assertRunning();
      const status = await node.api.status();
      if (status.consensus !== "solo") throw new BenchFailure(`the dev node runs "${status.consensus}" consensus, expected "solo"`);
      log("trace: node is up", { url: node.api.url, chainId: status.chainId, height: status.height });
      const { suite, admin } = await loadDevAdmin(node.home, status.suite);
      const signer = new TxSigner(suite, status.chainId, status.height + expiryMarginBlocks);
      const feed = await BlockFeed.open(cleanup, node.api, websocketOpenTimeoutMs);
      const senders = await setUpTrace(node.api, signer, admin, { organisation: devOrganisation, senders: options.senders, timeoutMs: setupTimeoutMs, abortIf });

      log("trace: loading", { events, units, txs: events / 100, senders: options.senders, concurrency: options.concurrency });
      const load = await loadTraceEvents(
        cleanup,
        node.api,
        signer,
        senders,
        feed,
        new TraceWorkload(options.seed),
        { units, batchSize: options.batchSize, concurrency: options.concurrency, commitTimeoutMs: options.commitTimeoutS * 1000, stallTimeoutMs },
        abortIf,
      );
      await feed.close();
      log("trace: loaded", {
        events: load.events,
        txs: load.txs,
        seconds: round(load.spanMs / 1000, 1),
        eventsPerSecond: round(load.eventsPerSecond, 0),
        byTenth: load.eventsPerSecondByTenth.map((rate) => (Number.isNaN(rate) ? "-" : String(rate))).join(" "),
        alerts: load.alerts,
        retried: load.retried,
      });
      await assertEventCount(node.api, events);

      log("trace: history lookups", { lookups: lookupCount, units });
      const lookups = await measureHistoryLookups(node.api, units, lookupCount, options.seed, lookupTimeoutMs);
      log("trace: lookups done", { p50Ms: round(lookups.p50Ms, 2), p99Ms: round(lookups.p99Ms, 2), maxMs: round(lookups.maxMs, 2) });
      const rssMb = peakRssMb(node.process.pid);
      return {
        mode: "trace",
        events,
        events_committed_per_s: round(load.eventsPerSecond, 1),
        lookup_p50_ms: round(lookups.p50Ms, 2),
        lookup_p99_ms: round(lookups.p99Ms, 2),
        rss_mb: rssMb === undefined ? null : round(rssMb, 1),
      };
    } catch (error) {
      await node.process.assertRunningAfter(1_000);
      throw error;
    } finally {
      await node.process.stop();
    }
  },
};
