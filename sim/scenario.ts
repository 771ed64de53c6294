import type { WalTear } from "./disk.ts";
import type { LoadTx } from "./load.ts";
import type { Random } from "./random.ts";

/**
 * One entry of a run's schedule: what happens (kind), when (atMs, virtual) and to whom (targets,
 * node indexes). A run's whole schedule is drawn from its seed before it starts, is printed on a
 * failure, and replays exactly with `npm run sim -- --seed S`.
 */
export type ScenarioEvent =
  | { readonly kind: "network"; readonly atMs: number; readonly targets: readonly number[]; readonly dropProbability: number; readonly duplicateProbability: number; readonly delayMaxMs: number }
  /** The targets die and come back after durationMs, their stores intact. */
  | { readonly kind: "crash"; readonly atMs: number; readonly targets: readonly number[]; readonly durationMs: number }
  /** The targets die in the middle of their next WAL append, which is left torn, and come back after durationMs. */
  | { readonly kind: "tornCrash"; readonly atMs: number; readonly targets: readonly number[]; readonly durationMs: number; readonly tear: WalTear }
  /** The targets are cut off from the other nodes for durationMs. */
  | { readonly kind: "partition"; readonly atMs: number; readonly targets: readonly number[]; readonly durationMs: number }
  /** A client submits transactions (ids in the run's load) to the targets. */
  | { readonly kind: "submit"; readonly atMs: number; readonly targets: readonly number[]; readonly txs: readonly number[] };

export interface ScenarioShape {
  readonly validators: number;
  readonly byzantine: number;
  readonly faultPhaseMs: number;
}

/** Draws a run's network, faults and client submissions from its random stream. */
export function drawScenario(random: Random, shape: ScenarioShape, load: readonly LoadTx[]): ScenarioEvent[] {
  const honest = Array.from({ length: shape.validators - shape.byzantine }, (_, index) => index);
  const everyone = Array.from({ length: shape.validators }, (_, index) => index);
  const events: ScenarioEvent[] = [
    {
      kind: "network",
      atMs: 0,
      targets: everyone,
      dropProbability: random.pick([0, 0.02, 0.1, 0.25]),
      duplicateProbability: random.pick([0, 0.05]),
      delayMaxMs: random.pick([20, 150, 600, 2_000]),
    },
  ];
  const faultCount = random.integer(0, 6);
  for (let fault = 0; fault < faultCount; fault += 1) {
    const atMs = random.integer(0, shape.faultPhaseMs - 1);
    const durationMs = random.integer(100, 8_000);
    const choice = random.integer(0, 3);
    if (choice === 0) events.push({ kind: "crash", atMs, targets: [random.pick(honest)], durationMs });
    else if (choice === 1) events.push({ kind: "tornCrash", atMs, targets: [random.pick(honest)], durationMs, tear: random.pick(["lostSuffix", "garbledTail"] as const) });
    else events.push({ kind: "partition", atMs, targets: everyone.filter(() => random.chance(0.5)), durationMs });
  }
  // Clients submit everything well before the heal; valid transactions go to honest nodes, and some twice.
  const submitEndMs = Math.max(1, shape.faultPhaseMs - 2_000);
  for (const tx of load) {
    if (tx.kind === "nonceBreaking") continue;
    const targets = [tx.kind === "valid" ? random.pick(honest) : random.pick(everyone)];
    if (random.chance(0.25)) targets.push(random.pick(everyone));
    events.push({ kind: "submit", atMs: random.integer(0, submitEndMs), targets, txs: [tx.id] });
  }
  return events.sort((a, b) => a.atMs - b.atMs);
}

export function describeEvent(event: ScenarioEvent): string {
  const targets = event.targets.map((index) => `n${index}`).join(",");
  switch (event.kind) {
    case "network":
      return `${event.atMs}ms network drop ${event.dropProbability} duplicate ${event.duplicateProbability} delay ≤${event.delayMaxMs}ms`;
    case "crash":
      return `${event.atMs}ms crash ${targets} for ${event.durationMs}ms`;
    case "tornCrash":
      return `${event.atMs}ms tornCrash (${event.tear}) ${targets} for ${event.durationMs}ms`;
    case "partition":
      return `${event.atMs}ms partition {${targets}} for ${event.durationMs}ms`;
    case "submit":
      return `${event.atMs}ms submit tx ${event.txs.join(",")} to ${targets}`;
  }
}
