import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { type NodeProcess, freePort, startNodeProcess } from "../support/nodeProcess.ts";
import { ensureConsoleBuilt, launchChromium, openPage, repositoryRoot, screenshot, settleAll, stopAll, temporaryDirectory, waitMs } from "./support.ts";

const benchTxs = 3_000;
/** Bounds the bench: setup, 3,000 transfers and tsx's start take a few seconds on an idle machine. */
const benchTimeoutMs = 60_000;
/** The bench's round trips and paced phase, as short as they go: the dashboard is watched during the throughput phase. */
const shortLatencyPhases = ["--round-trips", "0", "--rate", "100", "--finality-s", "1"];

interface BenchRun {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
  /** Stops the bench and whatever it started (it runs in its own process group). */
  kill(): void;
}

/** `npm run bench -- solo …` as a person would type it, attached to the node under test. */
function startBench(args: readonly string[]): BenchRun {
  const child = spawn("npm", ["run", "--silent", "bench", "--", "solo", ...args], { cwd: repositoryRoot, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (data) => (stdout += String(data)));
  child.stderr?.on("data", (data) => (stderr += String(data)));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    kill: () => {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // Already gone.
      }
    },
  };
}

describe("console: the dashboard follows `npm run bench -- solo` run against the same node", () => {
  let home: string;
  let node: NodeProcess;
  let browser: Browser;

  before(async () => {
    browser = await launchChromium();
    home = temporaryDirectory("kexin-dashboard-bench-");
    // `kexin start --dev` initialises the home as `kexin init --dev` does, then starts the node as its own process.
    await settleAll([ensureConsoleBuilt(), freePort().then(async (port) => (node = await startNodeProcess(join(home, "home"), port)))]);
  });

  after(async () => {
    await stopAll([() => browser?.close(), () => node?.kill("SIGTERM"), () => home && rmSync(home, { recursive: true, force: true })]);
  });

  test("behavior: the displayed tx/s rises above zero while the bench runs; the bench exits 0 with its JSON line and leaves the node running", async () => {
    const { context, page, errors } = await openPage(browser);
    let bench: BenchRun | undefined;
    try {
      await page.goto(`${node.url}/`);
      await page.getByTestId("feed-state").filter({ hasText: "live" }).waitFor();
      const rate = page.getByTestId("tx-rate-value");
      assert.equal(Number(await rate.getAttribute("data-value")), 0, "a fresh chain should show 0 tx/s before the bench starts");
      assert.equal(await page.getByTestId("peers-value").innerText(), "none: a solo node works alone", "a solo node's peers should be stated plainly, not as unreported");

      const runningBench = startBench(["--txs", String(benchTxs), ...shortLatencyPhases, "--home", join(home, "home"), "--url", node.url]);
      bench = runningBench;
      let exitCode: number | null | undefined;
      void runningBench.exited.then((code) => (exitCode = code));
      // Watches the figure as an operator would, until the bench ends (or its bound passes).
      const deadline = Date.now() + benchTimeoutMs;
      let highestWhileRunning = 0;
      while (exitCode === undefined && Date.now() < deadline) {
        highestWhileRunning = Math.max(highestWhileRunning, Number(await rate.getAttribute("data-value", { timeout: waitMs })));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      if (exitCode === undefined) runningBench.kill();
      const code = await runningBench.exited;
      assert.equal(code, 0, `the bench should exit 0; its log:\n${runningBench.stderr().slice(-3_000)}`);
      assert.ok(highestWhileRunning > 0, `the displayed tx/s should rise above 0 while the bench runs, stayed at ${highestWhileRunning}`);

      const lastLine = runningBench.stdout().trim().split("\n").at(-1) ?? "";
      const result = JSON.parse(lastLine) as { mode?: string; txs?: number; committed_tps?: number; rss_mb?: number | null };
      assert.equal(result.mode, "solo", `the bench's last line should be its solo result, got ${lastLine}`);
      assert.equal(result.txs, benchTxs, "the result should count the transactions asked for");
      assert.ok((result.committed_tps ?? 0) > 0, `the bench should report committed tx/s, got ${result.committed_tps}`);
      assert.equal(result.rss_mb, null, "a node the bench did not start has no RSS figure");

      const health = await fetch(`${node.url}/healthz`);
      assert.equal(health.status, 200, "the bench must leave a node it did not start running");
      const height = ((await health.json()) as { height: number }).height;
      await page.getByTestId("height").filter({ hasText: height.toLocaleString("en-US") }).waitFor();
      // Once the load is over every figure settles on the node's final state: the last block signed, an empty mempool.
      await page.getByTestId("validators").getByText(`signed block ${height}`).waitFor();
      await page.getByTestId("mempool").filter({ hasText: /^Mempool\s*0 tx/ }).waitFor();
      await screenshot(page, "dashboard-bench");
      assert.deepEqual(errors, [], "the page should raise no uncaught errors");
    } finally {
      bench?.kill();
      await context.close();
    }
  });
});
