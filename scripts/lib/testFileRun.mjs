// One test file run by Node's test runner in a process group of its own, with a watchdog: a file
// still running after its bound (a test hung past its own timeout, or a server, child process or
// timer left behind keeping the file's process alive after its tests ended) is stopped together
// with everything it started, and reported as failed.
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { clearTimeout, setTimeout } from "node:timers";
import { setTimeout as sleep } from "node:timers/promises";
import { commandOf, descendantsOf, groupMembers, signalEach } from "./processTree.mjs";

const stopGraceMs = 5_000;

/**
 * Starts `node --test <file>`. `done` resolves with the file's report and verdict; `stop()` ends
 * the run early. (Node 20's --test-timeout is no substitute: under --test it bounds the whole file
 * but stops only the file's own process, and run directly it bounds nothing.)
 */
export function startTestFile(file, { root, fileTimeoutMs }) {
  const startedMs = performance.now();
  const runner = spawn(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", file], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let report = "";
  runner.stdout.on("data", (data) => (report += data));
  runner.stderr.on("data", (data) => (report += data));
  const exited = new Promise((resolve) => runner.once("close", (code, signal) => resolve({ code, signal })));

  let timedOut = false;
  /**
   * SIGTERM to the processes below the runner first, so that the runner still reports what the
   * file's tests did; after a grace period SIGKILL to whatever is left, the runner included.
   */
  const stop = async () => {
    const below = descendantsOf(runner.pid);
    signalEach(below, "SIGTERM");
    await Promise.race([exited, sleep(stopGraceMs)]);
    signalEach([...below, ...descendantsOf(runner.pid), -runner.pid], "SIGKILL");
    await Promise.race([exited, sleep(stopGraceMs)]);
  };
  const watchdog = setTimeout(() => {
    timedOut = true;
    void stop();
  }, fileTimeoutMs);

  const done = exited.then(({ code, signal }) => {
    clearTimeout(watchdog);
    // A process still in the file's group outlived the file: a test started it and never stopped it.
    const leftovers = groupMembers(runner.pid);
    const leftoverCommands = leftovers.map(commandOf);
    signalEach([-runner.pid], "SIGKILL");
    const passed = code === 0 && !timedOut && leftovers.length === 0;
    return { file, report, code, signal, timedOut, leftoverCommands, passed, durationMs: performance.now() - startedMs };
  });
  return { done, stop };
}
