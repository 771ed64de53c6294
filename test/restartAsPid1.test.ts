import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { type NodeProcess, freePort, startNodeProcess, waitFor } from "./support/nodeProcess.ts";

// In a container the node is process 1 on every start; unshare gives it a pid namespace of its own.
const pidNamespace = ["unshare", "--pid", "--fork", "--kill-child"];
const unshareWorks = spawnSync(pidNamespace[0]!, [...pidNamespace.slice(1), "true"]).status === 0;

const home = mkdtempSync(join(tmpdir(), "kexin-pid1-"));
const started: NodeProcess[] = [];
after(async () => {
  for (const node of started) await node.kill();
  rmSync(home, { recursive: true, force: true });
});

/** The node's own process id as the root pid namespace sees it: the one child of unshare. */
function nodePidOf(launcher: NodeProcess): number {
  const pid = launcher.child.pid ?? 0;
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).map(Number);
  assert.equal(children.length, 1, "unshare runs the node as its one child");
  return children[0]!;
}

test(
  "behavior: a node that runs as process 1, SIGKILLed, restarts on the same folder; a second node on the folder is still refused",
  { skip: unshareWorks ? false : "unshare --pid needs root (CAP_SYS_ADMIN) and util-linux's unshare; neither is available here", timeout: 240_000 },
  async () => {
    const port = await freePort();
    const first = await startNodeProcess(home, port, 90_000, pidNamespace);
    started.push(first);
    assert.equal(readFileSync(join(home, "data", "node.lock"), "utf8"), "1\n", "the node is process 1 in its namespace");
    const head = (await (await fetch(`${first.url}/v1/status`)).json()) as { height: number };

    process.kill(nodePidOf(first), "SIGKILL");
    await waitFor("the killed node's launcher to exit", async () => (first.child.exitCode !== null || first.child.signalCode !== null ? true : undefined), 10_000);
    assert.equal(readFileSync(join(home, "data", "node.lock"), "utf8"), "1\n", "the killed node left its lock file naming process 1");

    const second = await startNodeProcess(home, port, 90_000, pidNamespace);
    started.push(second);
    const resumed = (await (await fetch(`${second.url}/v1/status`)).json()) as { height: number };
    assert.ok(resumed.height >= head.height, `the restarted node resumes from height ${head.height} (at ${resumed.height})`);

    const otherPort = await freePort();
    await assert.rejects(startNodeProcess(home, otherPort, 30_000, pidNamespace), /in use by process 1; stop the node that runs on it first/);
    assert.equal((await fetch(`${second.url}/healthz`)).status, 200, "the running node is untouched");
  },
);
