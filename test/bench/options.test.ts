import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { test } from "node:test";
import { UsageError } from "../../bench/lib/errors.ts";
import { withLimit } from "../../bench/lib/limit.ts";
import { parseOptions } from "../../bench/lib/options.ts";
import { repositoryRoot } from "../support/nodeProcess.ts";

const soloOptions = ["txs", "senders", "rate", "finalityS", "roundTrips"] as const;

test("default: intl suite, 200 round trips", () => {
  const options = parseOptions([], soloOptions);
  assert.equal(options.suite, "intl");
  assert.equal(options.roundTrips, 200);
});

test("behavior: --suite is taken by a mode that does not list it", () => {
  assert.equal(parseOptions(["--suite", "gm"], ["txs"]).suite, "gm");
  assert.equal(parseOptions(["--suite=gm"], []).suite, "gm");
});

test("behavior: solo's latency options", () => {
  const options = parseOptions(["--rate", "500", "--finality-s=3", "--round-trips", "0"], soloOptions);
  assert.equal(options.rate, 500);
  assert.equal(options.finalityS, 3);
  assert.equal(options.roundTrips, 0);
});

test("behavior: --rate takes half, a rate the run derives from its own throughput", () => {
  assert.equal(parseOptions(["--rate", "half"], soloOptions).rate, "half");
  assert.equal(parseOptions(["--rate=half"], soloOptions).rate, "half");
  assert.throws(() => parseOptions(["--rate", "quarter"], soloOptions), /--rate must be a whole number, got "quarter"/);
});

test("error: a suite the chain does not know", () => {
  assert.throws(() => parseOptions(["--suite", "rsa"], soloOptions), (error: unknown) => error instanceof UsageError && /--suite must be one of intl, gm/.test(error.message));
});

test("error: --round-trips out of range, and on a mode that does not take it", () => {
  assert.throws(() => parseOptions(["--round-trips", "10001"], soloOptions), UsageError);
  assert.throws(() => parseOptions(["--round-trips", "5"], ["txs"]), /does not apply to this mode/);
});

test("behavior: limit_tps divides the verification rate among the nodes that each verify every transaction", () => {
  const result = withLimit({ mode: "bft", committed_tps: 1500 }, { suite: "intl", perSecond: 20_000 }, 4);
  assert.deepEqual(result, { mode: "bft", committed_tps: 1500, suite: "intl", limit_tps: 5000, efficiency: 0.3 });
});

test("behavior: efficiency is null for a mode without committed_tps", () => {
  const result = withLimit({ mode: "trace", events_committed_per_s: 4000 }, { suite: "gm", perSecond: 4_600.04 }, 1);
  assert.equal(result.limit_tps, 4600);
  assert.equal(result.efficiency, null);
  assert.equal(result.suite, "gm");
});

test("error: npm run bench with an unknown suite exits 2 before measuring anything", async () => {
  const run = await new Promise<{ code: number | null; output: string }>((resolve) => {
    execFile(process.execPath, ["--import", "tsx", "bench/main.ts", "solo", "--suite", "rsa"], { cwd: repositoryRoot, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, output: `${stdout}${stderr}` });
    });
  });
  assert.equal(run.code, 2, run.output);
  assert.match(run.output, /--suite must be one of intl, gm/);
  assert.doesNotMatch(run.output, /\[bench\] verification limit/);
  assert.match(run.output, /options of every mode:\n\s+--suite <value>/);
});
