/**
 * `npm run bench -- <mode> [options]`: runs one workload through the public API and prints its
 * figures as a JSON object on the last line of stdout; progress goes to stderr.
 * Exit status: 0 success, 1 the benchmark failed, 2 bad usage or --help, 130 interrupted.
 */
import { fileURLToPath } from "node:url";
import { Cleanup } from "./lib/cleanup.ts";
import { BenchFailure, UsageError, errorMessage } from "./lib/errors.ts";
import type { BenchMode } from "./lib/mode.ts";
import { everyModeOptions, optionsUsage, parseOptions } from "./lib/options.ts";
import { measureVerificationLimit } from "./lib/kexin/verificationLimit.ts";
import { withLimit } from "./lib/limit.ts";
import { type BenchResult, log, printResult, round } from "./lib/output.ts";
import { withTimeout } from "./lib/wait.ts";

/** Each mode lives in bench/modes/<name>.ts and is loaded only when asked for. */
const modes: { readonly [name: string]: () => Promise<{ readonly mode: BenchMode }> } = {
  solo: () => import("./modes/solo.ts"),
  bft: () => import("./modes/bft.ts"),
  datashare: () => import("./modes/datashare.ts"),
  evidence: () => import("./modes/evidence.ts"),
  trace: () => import("./modes/trace.ts"),
  contract: () => import("./modes/contract.ts"),
  points: () => import("./modes/points.ts"),
  workflow: () => import("./modes/workflow.ts"),
  state: () => import("./modes/state.ts"),
};

const root = fileURLToPath(new URL("..", import.meta.url));
const cleanupOnSignalMs = 15_000;
const exitGraceMs = 5_000;

/** The stack, and the causes that fetch-like libraries hide the real reason in. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause === undefined ? "" : `\ncaused by: ${describeError(error.cause)}`;
  return `${error.stack ?? error.message}${cause}`;
}

async function usage(): Promise<string> {
  const lines = ["usage: npm run bench -- <mode> [options]", "", "modes:"];
  for (const [name, load] of Object.entries(modes)) {
    try {
      const { mode } = await load();
      lines.push(`  ${name.padEnd(14)}${mode.summary}`, optionsUsage(mode.options));
    } catch (error) {
      lines.push(`  ${name.padEnd(14)}(cannot be loaded: ${errorMessage(error).split("\n")[0] ?? ""})`);
    }
  }
  lines.push("", "options of every mode:", optionsUsage(everyModeOptions));
  lines.push("", "The last line of stdout is one JSON object with the figures; see bench/README.md.");
  return lines.join("\n");
}

async function run(argv: readonly string[], cleanup: Cleanup): Promise<BenchResult | undefined> {
  const [name, ...rest] = argv;
  if (name === undefined) throw new UsageError("no mode given");
  const load = modes[name];
  if (load === undefined) throw new UsageError(`unknown mode "${name}" (known: ${Object.keys(modes).join(", ")})`);
  const { mode } = await load();
  const options = parseOptions(rest, mode.options);
  log(`mode ${name}`, { ...options, vs: options.vs ?? null });
  const limit = await measureVerificationLimit(options.suite);
  log("verification limit", { suite: limit.suite, perSecond: round(limit.perSecond, 1), threads: limit.threads, verified: limit.verified, seconds: round(limit.seconds, 2) });
  const result = await mode.run({ options, cleanup, root });
  return withLimit(result, limit, mode.verifyingNodes ?? 1);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  // Like every usage message here, on stderr: stdout carries only the result line.
  if (argv[0] === "help" || argv.includes("--help") || argv.includes("-h")) {
    process.stderr.write(`${await usage()}\n`);
    process.exitCode = 2;
    return;
  }
  const cleanup = new Cleanup();
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    interrupted = true;
    log(`${signal}: stopping everything this run started`);
    void withTimeout(cleanup.run(), cleanupOnSignalMs, "cleanup after a signal")
      .catch((error: unknown) => log(errorMessage(error)))
      .finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  // Last resort if something calls process.exit mid-run: SIGKILL the process groups still alive.
  process.once("exit", () => cleanup.runSync());

  let result: BenchResult | undefined;
  try {
    result = await run(argv, cleanup);
  } catch (error) {
    if (error instanceof UsageError) {
      log(`usage error: ${error.message}`);
      process.stderr.write(`${await usage()}\n`);
      process.exitCode = 2;
    } else if (interrupted) {
      log(`interrupted (${errorMessage(error)})`);
    } else {
      log(error instanceof BenchFailure ? `FAILED: ${error.message}` : `FAILED: ${describeError(error)}`);
      process.exitCode = 1;
    }
  } finally {
    await cleanup.run();
  }
  if (result !== undefined) printResult(result);
  // Stray handles (a keep-alive socket, a timer in a library) must not keep a finished run alive.
  setTimeout(() => process.exit(), exitGraceMs).unref();
}

await main();
