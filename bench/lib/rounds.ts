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

/** Node CPU milliseconds per transaction of the two sides (medians over the rounds, rounded), and the reference's over the measured: null where unknown. */
export interface PhaseCpuFigures {
  readonly measured: number | null;
  readonly reference: number | null;
  readonly ratio: number | null;
}

/**
 * CPU time of the node per transaction in the two measured phases, and their ratio: on a shared
 * machine it moves much less than the throughputs' ratio, since another process taking the cores
 * slows a phase without making it cost more CPU.
 */
export function phaseCpuFigures(measured: readonly PhaseFigures[], references: readonly PhaseFigures[]): PhaseCpuFigures {
  const medianOf = (phases: readonly PhaseFigures[]): number | undefined => {
    const values = phases.flatMap((phase) => (phase.cpuMsPerTx === undefined ? [] : [phase.cpuMsPerTx]));
    return values.length === 0 ? undefined : median(values);
  };
  const measuredMs = medianOf(measured);
  const referenceMs = medianOf(references);
  return {
    measured: measuredMs === undefined ? null : round(measuredMs, 3),
    reference: referenceMs === undefined ? null : round(referenceMs, 3),
    ratio: measuredMs === undefined || referenceMs === undefined ? null : round(referenceMs / measuredMs, 3),
  };
}
