import { PhaseCpu } from "../lib/cpu.ts";
import { UsageError } from "../lib/errors.ts";
import { type FundedNode, withFundedAttachedNode, withFundedDevNode } from "../lib/kexin/fundedDevNode.ts";
import { type AttachedDevNode, type DevNode, devOrganisation } from "../lib/kexin/node.ts";
import { assertTransfersExecuted, measureTransfers, singleApiRoute } from "../lib/kexin/transfers.ts";
import type { BenchMode, ModeContext } from "../lib/mode.ts";
import { type BenchResult, log, round } from "../lib/output.ts";
import { type SoloLatency, measureSoloLatency } from "../lib/kexin/soloLatency.ts";
import { peakRssMb } from "../lib/rss.ts";
import { type PeerFigures, peerNames, peers, runPeer } from "../peers/index.ts";

const stallTimeoutMs = 60_000;

export interface KexinFigures {
  readonly committedTps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly rssMb: number | undefined;
  readonly committed: number;
  /** CPU time the node's process group used per transaction in the measured phase, when the bench started the node. */
  readonly cpuMsPerTx: number | undefined;
  /** The latency phases after the throughput phase, when asked for. */
  readonly latency?: SoloLatency | undefined;
}

/** Measures the transfers on a funded node; `pid` is the node's process when the bench started it, for its peak RSS. */
async function measureSolo(context: ModeContext, setup: FundedNode<DevNode | AttachedDevNode>, pid: number | undefined, withLatency: boolean): Promise<KexinFigures> {
  const { options } = context;
  const { node, abortIf, signer, senders, feed, pointsEach } = setup;
  const cpu = pid === undefined ? undefined : new PhaseCpu(pid);
  const run = await measureTransfers(
    singleApiRoute(node.api),
    signer,
    senders,
    feed,
    {
      txs: options.txs,
      batchSize: options.batchSize,
      concurrency: options.concurrency,
      seed: options.seed,
      program: devOrganisation,
      commitTimeoutMs: options.commitTimeoutS * 1000,
      stallTimeoutMs,
      beforeSubmit: () => cpu?.start(),
    },
    abortIf,
  );
  const cpuMsPerTx = cpu?.msPerTx(run.figures.committed);
  const rssMb = pid === undefined ? undefined : peakRssMb(pid);
  const latency = withLatency ? await measureSoloLatency(setup, options, run.figures.committedTps) : undefined;
  const sentBySender = run.sentBySender.map((count, sender) => count + (latency?.sentBySender[sender] ?? 0));
  await assertTransfersExecuted(node.api, senders, sentBySender, devOrganisation, BigInt(pointsEach));
  log("kexin: done", { committed: run.figures.committed, tps: round(run.figures.committedTps, 1), spanMs: round(run.figures.spanMs, 0), cpuMsPerTx: cpuMsPerTx === undefined ? null : round(cpuMsPerTx, 3) });
  return { ...run.figures, rssMb, cpuMsPerTx, latency };
}

/**
 * The solo workload on a fresh development node, stopped afterwards (other modes run it as their
 * reference), or with --home and --url on a running one, which is left running. `withLatency`
 * adds the round trips and the paced phase after the throughput phase.
 */
export async function runKexinSolo(context: ModeContext, withLatency = false): Promise<KexinFigures> {
  const { home, url } = context.options;
  if (home !== null && url !== null) return withFundedAttachedNode(context, "kexin", { home, url }, (setup) => measureSolo(context, setup, undefined, withLatency));
  return withFundedDevNode(context, "kexin", (setup) => measureSolo(context, setup, setup.node.process.pid, withLatency));
}

/** The latency figures of the solo line: the idle round trips and the paced phase. */
function latencyFields(latency: SoloLatency | undefined): Record<string, BenchResult[string]> {
  if (latency === undefined) return {};
  const { roundTrips, paced } = latency;
  return {
    round_trips: roundTrips?.latency.count ?? 0,
    round_trip_p50_ms: roundTrips === undefined ? null : round(roundTrips.latency.p50Ms, 2),
    round_trip_p99_ms: roundTrips === undefined ? null : round(roundTrips.latency.p99Ms, 2),
    offered_tps: Number.isFinite(paced.offeredTps) ? round(paced.offeredTps, 1) : null,
    finality_txs: paced.figures.txs,
    finality_p50_ms: round(paced.figures.p50Ms, 1),
    finality_p99_ms: round(paced.figures.p99Ms, 1),
  };
}

export const mode: BenchMode = {
  summary: "one development node (solo consensus): points transfers through the public API",
  options: ["txs", "senders", "batchSize", "concurrency", "vs", "seed", "commitTimeoutS", "rate", "finalityS", "roundTrips", "home", "url", "verbose"],
  async run(context) {
    const { options } = context;
    // Refuse an unknown peer before spending a minute on the Kexin side.
    const peer = options.vs === undefined ? undefined : peers[options.vs];
    if (options.vs !== undefined && peer === undefined) throw new UsageError(`unknown peer "${options.vs}" (known: ${peerNames.join(", ")})`);

    const kexin = await runKexinSolo(context, true);
    const result: Record<string, BenchResult[string]> = {
      mode: "solo",
      txs: options.txs,
      committed_tps: round(kexin.committedTps, 1),
      p50_ms: round(kexin.p50Ms, 1),
      p99_ms: round(kexin.p99Ms, 1),
      rss_mb: kexin.rssMb === undefined ? null : round(kexin.rssMb, 1),
      cpu_ms_per_tx: kexin.cpuMsPerTx === undefined ? null : round(kexin.cpuMsPerTx, 3),
      ...latencyFields(kexin.latency),
    };
    if (peer === undefined) return result;

    const peerFigures: PeerFigures = await runPeer(peer, context.cleanup, options, context.root);
    return {
      ...result,
      peer: peerFigures.peer,
      peer_tps: round(peerFigures.committedTps, 1),
      peer_p50_ms: round(peerFigures.p50Ms, 1),
      peer_p99_ms: round(peerFigures.p99Ms, 1),
      peer_rss_mb: peerFigures.rssMb === undefined ? null : round(peerFigures.rssMb, 1),
      ratio: round(kexin.committedTps / peerFigures.committedTps, 3),
    };
  },
};
