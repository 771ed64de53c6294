import assert from "node:assert/strict";
import { test } from "node:test";
import { type EngineParameters, TendermintEngine } from "../../packages/node/src/consensus/index.ts";
import { runSimulation } from "../../sim/simulation.ts";

/** Prevotes for any valid proposal, ignoring its lock: the classic way to lose safety. */
class EngineWithoutLockCheck extends TendermintEngine {
  protected override mayPrevoteFor(proposal: { readonly valid: boolean }): boolean {
    return proposal.valid;
  }
}

const seedsMax = 1_500;

test("behavior: the simulator catches an engine that skips the lock check", () => {
  const createEngine = (parameters: EngineParameters): TendermintEngine => new EngineWithoutLockCheck(parameters);
  let caught: { seed: number; violations: readonly string[] } | undefined;
  for (let seed = 1; seed <= seedsMax && !caught; seed += 1) {
    const result = runSimulation(seed, { validators: 4, byzantine: 1, createEngine });
    if (result.violations.some((violation) => violation.startsWith("agreement:"))) caught = { seed, violations: result.violations };
  }
  assert.ok(caught, `no fork found in ${seedsMax} seeds with the lock check removed`);
  console.log(`seed ${caught.seed}: ${caught.violations[0]}`);
  const correct = runSimulation(caught.seed, { validators: 4, byzantine: 1 });
  assert.deepEqual(correct.violations, [], `the correct engine must pass seed ${caught.seed}`);
});

test("behavior: a seed replays exactly", () => {
  const first = runSimulation(77, { validators: 7, byzantine: 2, trace: true });
  const second = runSimulation(77, { validators: 7, byzantine: 2, trace: true });
  assert.ok(first.trace.length > 1_000, `expected a long trace, got ${first.trace.length} lines`);
  assert.deepEqual(second.trace, first.trace, "the same seed must give the same trace");
  assert.deepEqual(second.violations, first.violations, "and the same result");
});
