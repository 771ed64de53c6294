import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { freePort, startNodeProcess } from "../../../test/support/nodeProcess.ts";

test("behavior: kexin start --data-dir keeps the chain in the given folder, not the home's", { timeout: 120_000 }, async () => {
  const directory = mkdtempSync(join(tmpdir(), "kexin-cli-data-dir-"));
  try {
    const home = join(directory, "home");
    const dataDir = join(directory, "elsewhere", "chain");
    const node = await startNodeProcess(home, await freePort(), 90_000, [], ["--data-dir", dataDir]);
    try {
      assert.equal(readFileSync(join(dataDir, "node.lock"), "utf8").trim(), String(node.child.pid), "the node holds the given folder's lock");
      assert.ok(existsSync(join(dataDir, "data.mdb")), "the chain's LMDB file is in the given folder");
      assert.equal(existsSync(join(home, "data")), false, "the home's own data folder is not created");
      assert.match(node.output(), new RegExp(`data\\s+${dataDir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`), "the start banner names the data folder");
    } finally {
      await node.kill("SIGTERM");
    }
    assert.equal(node.child.exitCode, 0, node.output());
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
