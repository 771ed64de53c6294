import { spawn } from "node:child_process";
import { exitWithUsage, parseCommandLine } from "../../scripts/lib/commandLine.mjs";
import { repositoryRoot } from "../support/nodeProcess.ts";
import { runScenario } from "./runScenario.ts";
import { type Scenario, type TestFileScenario, loadScenarios } from "./scenario.ts";

const usage = `usage: npm run faults -- [--scenario NAME ...] [--seed N] [--rounds N] [--size full|ci] [--list]

Runs fault scenarios (test/faults/scenarios/*.json) with real node processes: kills, pauses and
restarts under load, then checks that no node forked, nothing reported committed was lost and
commits resumed. Prints one JSON line per scenario on stdout; exits 1 if any failed.
  --scenario NAME   run this scenario (may be repeated; default: all of them)
  --seed N          seed for the random choices (default: from the clock, printed in the result)
  --rounds N        rounds of every scenario's repeated steps (default: the scenario's size)
  --size full|ci    which of the scenario's sizes to run (default full)
  --list            print the scenarios' names and descriptions, run nothing
See test/faults/README.md for the manifest format.`;

const { values } = parseCommandLine({
  usage,
  options: {
    scenario: { type: "string", multiple: true },
    seed: { type: "string" },
    rounds: { type: "string" },
    size: { type: "string", default: "full" },
    list: { type: "boolean", default: false },
  },
});

function wholeNumber(name: string, text: string | undefined, minimum: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < minimum) exitWithUsage(`--${name} must be a whole number ≥ ${minimum}, got ${JSON.stringify(text)}`, usage);
  return value;
}

const size: "full" | "ci" = values.size === "full" || values.size === "ci" ? values.size : exitWithUsage(`--size must be full or ci, got ${JSON.stringify(values.size)}`, usage);
const roundsOverride = wholeNumber("rounds", values.rounds, 1);
// The clock only picks a seed when none is given; the result line prints it, so the run can be repeated.
const seed = wholeNumber("seed", values.seed, 0) ?? Date.now() % 1_000_000;

const scenarios = loadScenarios();
const names = scenarios.map((scenario) => scenario.name);
const unknown = (values.scenario ?? []).filter((name) => !names.includes(name));
if (unknown.length > 0) exitWithUsage(`no scenario named ${unknown.join(", ")}; there are: ${names.join(", ")}`, usage);

if (values.list) {
  for (const scenario of scenarios) console.log(`${scenario.name.padEnd(20)} ${scenario.description}`);
  process.exit(0);
}

/** Runs a fault test that keeps its own file, through the test runner; its report goes to stderr. */
async function runTestFile(scenario: TestFileScenario): Promise<Record<string, unknown>> {
  const startedMs = Date.now();
  const rounds = scenario.rounds === undefined ? undefined : (roundsOverride ?? scenario.rounds[size]);
  const env = scenario.rounds === undefined ? process.env : { ...process.env, [scenario.rounds.env]: String(rounds) };
  const child = spawn(process.execPath, ["scripts/run-tests.mjs", scenario.testFile], { cwd: repositoryRoot, env, stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  child.stdout.on("data", (data) => {
    output += String(data);
    process.stderr.write(data as Buffer);
  });
  // scripts/run-tests.mjs bounds the file's run and stops what it started.
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  const counts = /^tests: (\d+) passed, (\d+) failed, (\d+) skipped$/m.exec(output);
  return {
    scenario: scenario.name,
    rounds: rounds ?? null,
    passed: Number(counts?.[1] ?? 0),
    failed: Number(counts?.[2] ?? 0),
    skipped: Number(counts?.[3] ?? 0),
    durationMs: Date.now() - startedMs,
    ok: code === 0,
  };
}

async function runOne(scenario: Scenario): Promise<Record<string, unknown>> {
  if ("testFile" in scenario) return runTestFile(scenario);
  const rounds = roundsOverride ?? scenario.rounds[size];
  try {
    return { ...(await runScenario(scenario, { seed, rounds, log: (line) => process.stderr.write(`${line}\n`) })) };
  } catch (error) {
    return { scenario: scenario.name, seed, rounds, ok: false, problems: [error instanceof Error ? error.message : String(error)] };
  }
}

let failures = 0;
for (const scenario of scenarios.filter((candidate) => values.scenario === undefined || values.scenario.includes(candidate.name))) {
  const result = await runOne(scenario);
  if (result.ok !== true) failures += 1;
  console.log(JSON.stringify(result));
}
process.exit(failures === 0 ? 0 : 1);
