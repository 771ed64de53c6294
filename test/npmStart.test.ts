import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { freePort, processAlive, startProcessUntilHealthy, waitFor } from "./support/nodeProcess.ts";

/**
 * `npm start` runs the script through sh, and npm passes a signal on to that shell only: unless
 * the shell hands its place to the node (exec), the node outlives npm. The node's process id is
 * read from its data folder's lock file, since it is npm's grandchild.
 */
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  test(`behavior: ${signal} to npm start's process stops the node it started`, { timeout: 120_000 }, async () => {
    const directory = mkdtempSync(join(tmpdir(), "kexin-npm-start-"));
    const home = join(directory, "home");
    let nodePid: number | undefined;
    try {
      const port = await freePort();
      const npm = await startProcessUntilHealthy(["npm", "run", "start", "--", "--home", home, "--api-port", String(port)], port, 90_000);
      nodePid = Number(readFileSync(join(home, "data", "node.lock"), "utf8").trim());
      assert.ok(Number.isSafeInteger(nodePid) && nodePid > 0 && processAlive(nodePid), `the node runs as process ${nodePid}`);
      await npm.kill(signal);
      assert.notEqual(npm.child.exitCode ?? npm.child.signalCode, null, "npm exited");
      const pid = nodePid;
      await waitFor(`node process ${pid} to exit after npm got ${signal}`, async () => (processAlive(pid) ? undefined : true), 15_000);
      assert.match(npm.output(), new RegExp(`${signal}: closing the node…[\\s\\S]*node closed`), "the node closed itself on the signal");
    } finally {
      if (nodePid !== undefined && processAlive(nodePid)) process.kill(nodePid, "SIGKILL");
      rmSync(directory, { recursive: true, force: true });
    }
  });
}
