import assert from "node:assert/strict";
import { shapeOf } from "../../sim/shapes.ts";
import { runSimulation } from "../../sim/simulation.ts";

/** Runs a range of seeds with the shapes `npm run sim` uses and fails with every violation found. */
export function assertSeedsPass(first: number, count: number): { heights: number; evidence: number } {
  const failures: string[] = [];
  let heights = 0;
  let evidence = 0;
  for (let seed = first; seed < first + count; seed += 1) {
    const shape = shapeOf(seed);
    const result = runSimulation(seed, shape);
    heights += result.heightMin;
    evidence += result.evidence;
    if (shape.byzantine === 0 && result.evidence > 0) failures.push(`seed ${seed}: duplicate votes reported in a run without Byzantine validators`);
    if (!result.ok) {
      failures.push(`seed ${seed} (${shape.validators} validators, ${shape.byzantine} Byzantine): ${result.violations.join("; ")} — replay: npm run sim -- --seed ${seed} --trace`);
    }
  }
  assert.deepEqual(failures, [], `simulator found violations:\n${failures.join("\n")}`);
  assert.ok(evidence > 0, "Byzantine validators' double votes were reported as evidence");
  return { heights, evidence };
}
