#!/usr/bin/env node
// Runs the test files with Node's test runner through tsx, each file in its own process group, a
// few at a time, and prints each file's report as it ends, then the totals. Every run ends: a file
// that outlives its bound is stopped with all it started. Tests that wait on something set their own
// { timeout } or bound their waits.
import { performance } from "node:perf_hooks";
import { parseCommandLine } from "./lib/commandLine.mjs";
import { startTestFile } from "./lib/testFileRun.mjs";
import { addCounts, emptyCounts, formatCounts } from "./lib/testCounts.mjs";
import { testFiles } from "./lib/testFiles.mjs";

const root = new URL("..", import.meta.url).pathname;
const fileTimeoutMs = Number(process.env.KEXIN_TEST_FILE_TIMEOUT_S ?? 15 * 60) * 1_000;
const concurrency = Number(process.env.KEXIN_TEST_CONCURRENCY ?? 2);

const usage = `usage: node scripts/run-tests.mjs [path-fragment ...]

Runs every *.test.ts under test/ and packages/*/test, or those whose path contains one of the
fragments (e.g. test/console, packages/core), KEXIN_TEST_CONCURRENCY files at a time (${concurrency}).
A file still running after KEXIN_TEST_FILE_TIMEOUT_S seconds (${fileTimeoutMs / 1_000}) is stopped with every
process it started, and fails; so does a file that leaves a process running after it ends.
\`npm test\` runs all of them after provisioning, type-checking and linting.`;

const { positionals } = parseCommandLine({ usage, allowPositionals: true });
if (!(Number.isSafeInteger(concurrency) && concurrency >= 1 && fileTimeoutMs > 0)) {
  console.error("KEXIN_TEST_CONCURRENCY must be a whole number ≥ 1 and KEXIN_TEST_FILE_TIMEOUT_S a number > 0");
  process.exit(2);
}
const queue = testFiles(root, positionals);
if (queue.length === 0) {
  console.error(`no test file matched ${positionals.join(" ")}`);
  process.exit(1);
}

const running = new Set();
// Each file has a process group of its own, so Ctrl-C at the terminal reaches only this process.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    console.error(`${signal}: stopping ${running.size} running test file(s)`);
    void Promise.all([...running].map((run) => run.stop())).finally(() => process.exit(130));
  });
}

function verdict(result) {
  const seconds = `${(result.durationMs / 1_000).toFixed(1)} s`;
  if (result.timedOut) return `stopped after ${seconds}: still running at its ${fileTimeoutMs / 1_000} s bound`;
  if (result.leftoverCommands.length > 0) return `left running after it ended (now killed): ${result.leftoverCommands.join("; ")}`;
  if (result.passed) return `passed in ${seconds}`;
  return `failed in ${seconds} (${result.signal ?? `exit ${result.code}`})`;
}

const startedMs = performance.now();
const totals = emptyCounts();
const failed = [];
const fileCount = queue.length;

async function worker() {
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const run = startTestFile(file, { root, fileTimeoutMs });
    running.add(run);
    const result = await run.done;
    running.delete(run);
    addCounts(totals, result.report);
    if (!result.passed) failed.push(`${file}: ${verdict(result)}`);
    process.stdout.write(`${result.report.trimEnd()}\n── ${file} ${verdict(result)}\n\n`);
  }
}

await Promise.all(Array.from({ length: Math.min(concurrency, fileCount) }, () => worker()));
const seconds = Math.round((performance.now() - startedMs) / 1_000);
console.log(`── ${fileCount} test files in ${seconds} s: ${fileCount - failed.length} passed, ${failed.length} failed`);
console.log(`── ${formatCounts(totals)}`);
for (const line of failed) console.log(`✖ ${line}`);
// The plain closing line that tools reading test output look for; a file that failed without a failing test counts as one failure.
console.log(`tests: ${totals.pass} passed, ${Math.max(totals.fail, failed.length)} failed, ${totals.skipped} skipped`);
process.exit(failed.length === 0 ? 0 : 1);
