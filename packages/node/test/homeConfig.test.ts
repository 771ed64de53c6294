import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { HomeError, initNodeHome, startNode } from "../src/index.ts";

test("behavior: a config.json setting the node does not read is refused by name, and nothing is started", async () => {
  const home = mkdtempSync(join(tmpdir(), "kexin-home-config-"));
  try {
    await initNodeHome({ home, dev: true });
    const configPath = join(home, "config.json");
    const config = JSON.parse(readFileSync(configPath, "utf8")) as Record<string, unknown>;
    // The blob store's settings, as an older release kept them at the top level.
    writeFileSync(configPath, JSON.stringify({ ...config, evidenceBlobs: { blobBytesMax: 1024 } }));
    await assert.rejects(startNode({ home }), (error: unknown) => {
      assert.ok(error instanceof HomeError, String(error));
      assert.equal(error.code, "HOME_INVALID");
      assert.match(error.message, /settings this node does not read: evidenceBlobs/);
      assert.match(error.message, /"services": \{ "<service>"/, "it says where a service's settings go");
      return true;
    });
    assert.equal(existsSync(join(home, "data")), false, "no data folder was opened");
    writeFileSync(configPath, "[1, 2]");
    await assert.rejects(startNode({ home }), /must hold a JSON object/);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
