import { exitWithUsage, parseCommandLine } from "../scripts/lib/commandLine.mjs";
import { electionShapeOf, shapeOf } from "./shapes.ts";
import { runSimulation, type SimulationResult } from "./simulation.ts";

const usage = `usage: npm run sim -- [--seeds N] [--first F] [--seed S] [--validators V] [--byzantine B] [--elections] [--trace] [--trace-lines L]

Runs seeded fault schedules (drops, delays, partitions, crashes, torn WAL writes, Byzantine
validators, client transactions) through real nodes over simulated disks, network and clock; on a
failure prints the seed, the violations, the schedule as data and a trace of the replayed run, and exits 1.
  --seeds N         how many seeds to run, from --first F (defaults 100 and 1)
  --seed S          replay one seed exactly
  --validators V    validators in every run (default: chosen by the seed)
  --byzantine B     Byzantine validators in every run (default: chosen by the seed)
  --elections       validators elected by stake every few blocks (sim/elections.ts): 5 or 7
                    validators at genesis for four seats, at most one Byzantine
  --trace           record the trace; with --seed, print it
  --trace-lines L   trace lines shown for a failure (default 400)`;

const { values } = parseCommandLine({
  usage,
  options: {
    seeds: { type: "string", default: "100" },
    seed: { type: "string" },
    first: { type: "string", default: "1" },
    validators: { type: "string" },
    byzantine: { type: "string" },
    elections: { type: "boolean", default: false },
    trace: { type: "boolean", default: false },
    "trace-lines": { type: "string", default: "400" },
  },
});

function integer(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) exitWithUsage(`--${name} must be a non-negative integer, got ${JSON.stringify(text)}`, usage);
  return value;
}

async function printFailure(result: SimulationResult, shape: { validators: number; byzantine: number }): Promise<void> {
  console.log(`FAIL seed ${result.seed} (${shape.validators} validators, ${shape.byzantine} Byzantine)`);
  for (const violation of result.violations) console.log(`  ${violation}`);
  console.log(`  faults: ${result.faults.join("; ")}`);
  console.log(`  scenario: ${JSON.stringify(result.scenario)}`);
  const replay = await runSimulation(result.seed, { ...shape, elections: values.elections, trace: true });
  const lines = integer("trace-lines", values["trace-lines"], 400);
  console.log(`  trace (last ${Math.min(lines, replay.trace.length)} of ${replay.trace.length} lines):`);
  for (const line of replay.trace.slice(-lines)) console.log(`    ${line}`);
  console.log(`  replay: npm run sim -- --seed ${result.seed} --validators ${shape.validators} --byzantine ${shape.byzantine}${values.elections ? " --elections" : ""} --trace`);
}

const validatorsFixed = values.validators === undefined ? undefined : integer("validators", values.validators, 4);
const byzantineFixed = values.byzantine === undefined ? undefined : integer("byzantine", values.byzantine, 0);
const seeds = values.seed !== undefined ? [integer("seed", values.seed, 1)] : Array.from({ length: integer("seeds", values.seeds, 100) }, (_, index) => integer("first", values.first, 1) + index);
const started = performance.now();
let failures = 0;
let heights = 0;
let txs = 0;
let setChanges = 0;
for (const seed of seeds) {
  const shape = (values.elections ? electionShapeOf : shapeOf)(seed, validatorsFixed, byzantineFixed);
  const result = await runSimulation(seed, { ...shape, elections: values.elections, trace: values.trace });
  heights += result.heightMin;
  txs += result.txsCommitted;
  setChanges += result.validatorSetChanges;
  if (values.trace && values.seed !== undefined) for (const line of result.trace) console.log(line);
  if (!result.ok) {
    failures += 1;
    await printFailure(result, shape);
  }
}
const elapsedMs = performance.now() - started;
console.log(JSON.stringify({ seeds: seeds.length, failures, heights_committed: heights, txs_committed: txs, validator_set_changes: setChanges, elapsed_ms: Math.round(elapsedMs), seeds_per_second: Number(((seeds.length * 1000) / elapsedMs).toFixed(1)) }));
process.exit(failures === 0 ? 0 : 1);
