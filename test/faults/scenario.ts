import { readFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";

/**
 * A fault scenario as data: which chain to start, how much load to put on it, which faults to
 * inject when, and what must hold at the end. A new scenario is a JSON file in scenarios/.
 */
export type Scenario = ProcessScenario | TestFileScenario;

/** How many times the steps marked `"repeat": "rounds"` run: at full size by hand, small in CI. */
export interface Rounds {
  readonly full: number;
  readonly ci: number;
}

export type Chain = { readonly kind: "solo" } | { readonly kind: "bft"; readonly validators: number };

export interface Load {
  /** Transactions signed and submitted per batch. */
  readonly batchSize: number;
  /** Pause between batches (ms). */
  readonly intervalMs: number;
}

/** A node by name, the current round's proposer, one running node chosen by the seed, or every node. */
export type Target = "proposer" | "random" | "all" | { readonly node: string };

export type KillSignal = "SIGKILL" | "SIGTERM";

export type Wait = { readonly commits: number } | { readonly ms: number } | { readonly msBetween: readonly [number, number] };

export type Step =
  | { readonly kill: Target; readonly signal: KillSignal }
  /** SIGSTOP; the node stays stopped until a `resume` step. */
  | { readonly pause: Target }
  /** SIGCONT to every paused node. */
  | { readonly resume: "paused" }
  /** Starts every killed node again and times its recovery: caught up and past the height it restarted at. */
  | { readonly restart: "killed" }
  | { readonly wait: Wait }
  /** No running node commits more than one block (the one already decided) for this long: what a lost quorum must look like. */
  | { readonly expectStalled: { readonly ms: number } }
  | { readonly repeat: number | "rounds"; readonly steps: readonly Step[] };

export interface Checks {
  /** Every node holds the same block hash at every height, and so does every block announced during the run. */
  readonly noFork: boolean;
  /** Every transaction announced committed during the run is on the chain at the end. */
  readonly noLoss: boolean;
  /** After the last fault, every node commits a new block within this bound (ms). */
  readonly livenessMs: number;
}

export interface ProcessScenario {
  readonly name: string;
  readonly description: string;
  readonly chain: Chain;
  readonly load: Load;
  readonly rounds: Rounds;
  readonly steps: readonly Step[];
  readonly checks: Checks;
}

/** A fault test that keeps its own file (it needs root or a special launch); `npm run faults` runs it with its rounds in `roundsEnv`. */
export interface TestFileScenario {
  readonly name: string;
  readonly description: string;
  readonly testFile: string;
  /** The environment variable the test reads its rounds from, and its sizes; absent for a test of fixed size. */
  readonly rounds?: Rounds & { readonly env: string };
}

export const scenariosDir = new URL("./scenarios/", import.meta.url).pathname;

export class ScenarioError extends Error {}

type Json = Record<string, unknown>;

function fail(where: string, what: string): never {
  throw new ScenarioError(`${where}: ${what}`);
}

function object(value: unknown, where: string): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(where, "must be an object");
  return value as Json;
}

function onlyKeys(value: Json, allowed: readonly string[], where: string): void {
  const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) fail(where, `unknown field(s) ${unknown.join(", ")}; allowed: ${allowed.join(", ")}`);
}

function count(value: unknown, where: string, minimum = 0): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < minimum) fail(where, `must be a whole number ≥ ${minimum}, got ${JSON.stringify(value)}`);
  return value;
}

function text(value: unknown, where: string): string {
  if (typeof value !== "string" || value.length === 0) fail(where, "must be a non-empty string");
  return value;
}

function parseTarget(value: unknown, where: string): Target {
  if (value === "proposer" || value === "random" || value === "all") return value;
  if (typeof value === "string" && value.length > 0) return { node: value };
  return fail(where, `must be "proposer", "random", "all" or a node's name, got ${JSON.stringify(value)}`);
}

function parseWait(value: unknown, where: string): Wait {
  const wait = object(value, where);
  onlyKeys(wait, ["commits", "ms", "msBetween"], where);
  if (Object.keys(wait).length !== 1) fail(where, "must have exactly one of commits, ms, msBetween");
  if ("commits" in wait) return { commits: count(wait.commits, `${where}.commits`, 1) };
  if ("ms" in wait) return { ms: count(wait.ms, `${where}.ms`) };
  const range = wait.msBetween;
  if (!Array.isArray(range) || range.length !== 2) fail(`${where}.msBetween`, "must be [least, most]");
  const least = count(range[0], `${where}.msBetween[0]`);
  const most = count(range[1], `${where}.msBetween[1]`, least);
  return { msBetween: [least, most] };
}

function parseStep(value: unknown, where: string): Step {
  const step = object(value, where);
  if ("kill" in step) {
    onlyKeys(step, ["kill", "signal"], where);
    const signal = step.signal ?? "SIGKILL";
    if (signal !== "SIGKILL" && signal !== "SIGTERM") fail(`${where}.signal`, `must be SIGKILL or SIGTERM, got ${JSON.stringify(signal)}`);
    return { kill: parseTarget(step.kill, `${where}.kill`), signal };
  }
  if ("pause" in step) {
    onlyKeys(step, ["pause"], where);
    return { pause: parseTarget(step.pause, `${where}.pause`) };
  }
  if ("resume" in step) {
    onlyKeys(step, ["resume"], where);
    if (step.resume !== "paused") fail(`${where}.resume`, 'must be "paused"');
    return { resume: "paused" };
  }
  if ("restart" in step) {
    onlyKeys(step, ["restart"], where);
    if (step.restart !== "killed") fail(`${where}.restart`, 'must be "killed"');
    return { restart: "killed" };
  }
  if ("wait" in step) {
    onlyKeys(step, ["wait"], where);
    return { wait: parseWait(step.wait, `${where}.wait`) };
  }
  if ("expectStalled" in step) {
    onlyKeys(step, ["expectStalled"], where);
    const stalled = object(step.expectStalled, `${where}.expectStalled`);
    onlyKeys(stalled, ["ms"], `${where}.expectStalled`);
    return { expectStalled: { ms: count(stalled.ms, `${where}.expectStalled.ms`, 1) } };
  }
  if ("repeat" in step) {
    onlyKeys(step, ["repeat", "steps"], where);
    const times = step.repeat === "rounds" ? "rounds" : count(step.repeat, `${where}.repeat`, 1);
    return { repeat: times, steps: parseSteps(step.steps, `${where}.steps`) };
  }
  return fail(where, `must have one of kill, pause, resume, restart, wait, expectStalled, repeat; got ${JSON.stringify(step)}`);
}

function parseSteps(value: unknown, where: string): Step[] {
  if (!Array.isArray(value) || value.length === 0) fail(where, "must be a non-empty list of steps");
  return value.map((step, index) => parseStep(step, `${where}[${index}]`));
}

function parseRounds(value: unknown, where: string): Rounds {
  const rounds = object(value, where);
  onlyKeys(rounds, ["full", "ci"], where);
  return { full: count(rounds.full, `${where}.full`, 1), ci: count(rounds.ci, `${where}.ci`, 1) };
}

function parseChain(value: unknown, where: string): Chain {
  const chain = object(value, where);
  if (chain.kind === "solo") {
    onlyKeys(chain, ["kind"], where);
    return { kind: "solo" };
  }
  if (chain.kind === "bft") {
    onlyKeys(chain, ["kind", "validators"], where);
    return { kind: "bft", validators: count(chain.validators, `${where}.validators`, 1) };
  }
  return fail(`${where}.kind`, `must be "solo" or "bft", got ${JSON.stringify(chain.kind)}`);
}

/** Checks a manifest's shape and answers it typed; `name` is the file's name without .json. */
export function parseScenario(name: string, value: unknown): Scenario {
  const manifest = object(value, name);
  const description = text(manifest.description, `${name}.description`);
  if ("testFile" in manifest) {
    onlyKeys(manifest, ["description", "testFile", "roundsEnv", "rounds"], name);
    if (("roundsEnv" in manifest) !== ("rounds" in manifest)) fail(name, "roundsEnv and rounds go together");
    const rounds = "rounds" in manifest ? { rounds: { ...parseRounds(manifest.rounds, `${name}.rounds`), env: text(manifest.roundsEnv, `${name}.roundsEnv`) } } : {};
    return { name, description, testFile: text(manifest.testFile, `${name}.testFile`), ...rounds };
  }
  const rounds = parseRounds(manifest.rounds, `${name}.rounds`);
  onlyKeys(manifest, ["description", "chain", "load", "rounds", "steps", "checks"], name);
  const load = object(manifest.load, `${name}.load`);
  onlyKeys(load, ["batchSize", "intervalMs"], `${name}.load`);
  const checks = object(manifest.checks, `${name}.checks`);
  onlyKeys(checks, ["noFork", "noLoss", "livenessMs"], `${name}.checks`);
  if (typeof checks.noFork !== "boolean" || typeof checks.noLoss !== "boolean") fail(`${name}.checks`, "noFork and noLoss must be true or false");
  return {
    name,
    description,
    chain: parseChain(manifest.chain, `${name}.chain`),
    load: { batchSize: count(load.batchSize, `${name}.load.batchSize`, 1), intervalMs: count(load.intervalMs, `${name}.load.intervalMs`) },
    rounds,
    steps: parseSteps(manifest.steps, `${name}.steps`),
    checks: { noFork: checks.noFork, noLoss: checks.noLoss, livenessMs: count(checks.livenessMs, `${name}.checks.livenessMs`, 1) },
  };
}

/** Every manifest in `dir`, by name. */
export function loadScenarios(dir = scenariosDir): Scenario[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => parseScenario(basename(file, ".json"), JSON.parse(readFileSync(join(dir, file), "utf8")) as unknown));
}
