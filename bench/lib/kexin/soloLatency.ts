import { type BenchOptions, benchLimits } from "../options.ts";
import { log, round } from "../output.ts";
import type { FundedNode } from "./fundedDevNode.ts";
import type { AttachedDevNode, DevNode } from "./node.ts";
import { devOrganisation } from "./node.ts";
import { type PacedRun, measurePacedTransfers } from "./paced.ts";
import { type RoundTripRun, measureRoundTrips } from "./roundTrips.ts";
import { singleApiRoute } from "./transfers.ts";

export interface SoloLatency {
  /** Absent with --round-trips 0. */
  readonly roundTrips: RoundTripRun | undefined;
  readonly paced: PacedRun;
  readonly sentBySender: readonly number[];
}

const pacedTickMs = 50;
const stallTimeoutMs = 60_000;
const roundTripTimeoutMs = 30_000;

/**
 * The latencies a user of a solo node sees, after its throughput phase: single transfers on the
 * idle node, one at a time, then `--rate` transfers a second for `--finality-s` seconds, paced
 * as bft's finality phase is (`--rate half`: half of `committedTps`, the throughput phase's rate).
 */
export async function measureSoloLatency(setup: FundedNode<DevNode | AttachedDevNode>, options: BenchOptions, committedTps: number): Promise<SoloLatency> {
  const { node, abortIf, signer, senders, feed } = setup;
  const ratePerSecond = options.rate === "half" ? halfRate(committedTps, options.finalityS) : options.rate;
  if (options.rate === "half") log("kexin: paced rate, half the committed rate", { committedTps: round(committedTps, 1), ratePerSecond });
  const roundTrips =
    options.roundTrips === 0
      ? undefined
      : await measureRoundTrips(node.api, signer, senders, feed, { count: options.roundTrips, seed: options.seed, program: devOrganisation, timeoutMs: roundTripTimeoutMs }, abortIf);
  const paced = await measurePacedTransfers(
    singleApiRoute(node.api),
    signer,
    senders,
    feed,
    {
      ratePerSecond,
      durationS: options.finalityS,
      tickMs: pacedTickMs,
      seed: options.seed,
      program: devOrganisation,
      commitTimeoutMs: options.commitTimeoutS * 1000,
      stallTimeoutMs,
    },
    abortIf,
  );
  log("kexin: paced phase done", {
    committed: paced.figures.committed,
    offeredTps: round(paced.offeredTps, 1),
    p50Ms: round(paced.figures.p50Ms, 1),
    p99Ms: round(paced.figures.p99Ms, 1),
    sendLagMsMax: round(paced.sendLagMsMax, 1),
  });
  const sentBySender = senders.map((_sender, index) => (roundTrips?.sentBySender[index] ?? 0) + (paced.sentBySender[index] ?? 0));
  return { roundTrips, paced, sentBySender };
}

/** Half the committed rate, whole, within the paced phase's bounds (a rate and a transaction count). */
function halfRate(committedTps: number, finalityS: number): number {
  return Math.max(1, Math.min(Math.round(committedTps / 2), benchLimits.rateMax, Math.floor(benchLimits.txsMax / finalityS)));
}
