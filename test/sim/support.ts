import assert from "node:assert/strict";
import { electionShapeOf, shapeOf } from "../../sim/shapes.ts";
import { runSimulation } from "../../sim/simulation.ts";

/** Runs a range of seeds with the shapes `npm run sim` uses (with `--elections` when asked) and fails with every violation found. */
export async function assertSeedsPass(first: number, count: number, elections = false): Promise<{ heights: number; evidence: number; txs: number; validatorSetChanges: number }> {
  const failures: string[] = [];
  let heights = 0;
  let evidence = 0;
  let txs = 0;
  let validatorSetChanges = 0;
  for (let seed = first; seed < first + count; seed += 1) {
    const shape = (elections ? electionShapeOf : shapeOf)(seed);
    const result = await runSimulation(seed, { ...shape, elections });
    validatorSetChanges += result.validatorSetChanges;
    heights += result.heightMin;
    evidence += result.evidence;
    txs += result.txsCommitted;
    if (shape.byzantine === 0 && result.evidence > 0) failures.push(`seed ${seed}: duplicate votes reported in a run without Byzantine validators`);
    if (!result.ok) {
      failures.push(`seed ${seed} (${shape.validators} validators, ${shape.byzantine} Byzantine): ${result.violations.join("; ")} — replay: npm run sim -- --seed ${seed}${elections ? " --elections" : ""} --trace`);
    }
  }
  assert.deepEqual(failures, [], `simulator found violations:\n${failures.join("\n")}`);
  assert.ok(evidence > 0, "Byzantine validators' double votes were reported as evidence");
  assert.ok(txs > 0, "blocks carried the clients' transactions");
  return { heights, evidence, txs, validatorSetChanges };
}
