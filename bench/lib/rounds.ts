import { log, round } from "./output.ts";
import { median } from "./stats.ts";

/** What one measured phase on one node gives; `rssMb` is undefined when the node is not the bench's child. */
export interface PhaseFigures {
  readonly committedTps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly rssMb: number | undefined;
  /** CPU time the node used per transaction in the phase, when known. */
  readonly cpuMsPerTx: number | undefined;
}

export interface AlternatedRounds<Measured extends PhaseFigures, Reference extends PhaseFigures> {
  readonly measured: readonly Measured[];
  readonly references: readonly Reference[];
  /** Each round's measured tx/s over its reference's, rounded to three decimals. */
  readonly ratios: readonly number[];
}

/**
 * Runs a workload and its reference one after the other, `rounds` times, each on a fresh node
 * started after the previous one stopped, so the two never share the CPU and a slow spell of a
 * shared machine hits one round rather than one side.
 */
export async function alternateRounds<Measured extends PhaseFigures, Reference extends PhaseFigures>(
  label: string,
  rounds: number,
  measure: () => Promise<Measured>,
  reference: () => Promise<Reference>,
): Promise<AlternatedRounds<Measured, Reference>> {
  const measured: Measured[] = [];
  const references: Reference[] = [];
  const ratios: number[] = [];
  for (let roundIndex = 0; roundIndex < rounds; roundIndex++) {
    const figures = await measure();
    const referenceFigures = await reference();
    measured.push(figures);
    references.push(referenceFigures);
    ratios.push(round(figures.committedTps / referenceFigures.committedTps, 3));
    log(`${label}: round done`, { round: roundIndex + 1, ratio: ratios.at(-1) as number });
  }
  return { measured, references, ratios };
}

/** The result fields every closed-loop mode reports: medians over the rounds, and the largest peak RSS. */
export function medianPhaseFields(phases: readonly PhaseFigures[]): { committed_tps: number; p50_ms: number; p99_ms: number; rss_mb: number | null } {
  const rssValues = phases.flatMap((phase) => (phase.rssMb === undefined ? [] : [phase.rssMb]));
  return {
    committed_tps: round(median(phases.map((phase) => phase.committedTps)), 1),
    p50_ms: round(median(phases.map((phase) => phase.p50Ms)), 1),
    p99_ms: round(median(phases.map((phase) => phase.p99Ms)), 1),
    rss_mb: rssValues.length === 0 ? null : round(Math.max(...rssValues), 1),
  };
}
