import { parseArgs } from "node:util";
import { shapeOf } from "./shapes.ts";
import { runSimulation, type SimulationResult } from "./simulation.ts";

/**
 * npm run sim -- --seeds N [--seed S] [--validators 4] [--byzantine 1] [--trace]
 * Runs seeded fault schedules; on a failure prints the seed, the violations and a trace of the
 * replayed run, and exits 1. --seed S replays one seed exactly.
 */
const { values } = parseArgs({
  options: {
    seeds: { type: "string", default: "100" },
    seed: { type: "string" },
    first: { type: "string", default: "1" },
    validators: { type: "string" },
    byzantine: { type: "string" },
    trace: { type: "boolean", default: false },
    "trace-lines": { type: "string", default: "400" },
  },
});

function integer(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) {
    console.error(`--${name} must be a non-negative integer, got ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return value;
}

function printFailure(result: SimulationResult, shape: { validators: number; byzantine: number }): void {
  console.log(`FAIL seed ${result.seed} (${shape.validators} validators, ${shape.byzantine} Byzantine)`);
  for (const violation of result.violations) console.log(`  ${violation}`);
  console.log(`  faults: ${result.faults.join("; ")}`);
  const replay = runSimulation(result.seed, { ...shape, trace: true });
  const lines = integer("trace-lines", values["trace-lines"], 400);
  console.log(`  trace (last ${Math.min(lines, replay.trace.length)} of ${replay.trace.length} lines):`);
  for (const line of replay.trace.slice(-lines)) console.log(`    ${line}`);
  console.log(`  replay: npm run sim -- --seed ${result.seed} --validators ${shape.validators} --byzantine ${shape.byzantine} --trace`);
}

const validatorsFixed = values.validators === undefined ? undefined : integer("validators", values.validators, 4);
const byzantineFixed = values.byzantine === undefined ? undefined : integer("byzantine", values.byzantine, 0);
const seeds = values.seed !== undefined ? [integer("seed", values.seed, 1)] : Array.from({ length: integer("seeds", values.seeds, 100) }, (_, index) => integer("first", values.first, 1) + index);
const started = performance.now();
let failures = 0;
let heights = 0;
for (const seed of seeds) {
  const shape = shapeOf(seed, validatorsFixed, byzantineFixed);
  const result = runSimulation(seed, { ...shape, trace: values.trace });
  heights += result.heightMin;
  if (values.trace && values.seed !== undefined) for (const line of result.trace) console.log(line);
  if (!result.ok) {
    failures += 1;
    printFailure(result, shape);
  }
}
console.log(JSON.stringify({ seeds: seeds.length, failures, heights_committed: heights, elapsed_ms: Math.round(performance.now() - started) }));
process.exit(failures === 0 ? 0 : 1);
