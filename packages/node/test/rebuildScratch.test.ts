import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { rebuildDerivedIndex } from "../src/derivedIndexRebuild.ts";
import { startTestChain } from "./support.ts";

/** A scratch folder as a killed rebuild leaves it: named after its data folder, holding a half-written LMDB file. */
function leftover(parent: string, name: string): string {
  const path = join(parent, name);
  mkdirSync(path);
  writeFileSync(join(path, "data.mdb"), "half-written");
  return path;
}

test("behavior: a node's start and the next rebuild remove the scratch folders of an interrupted rebuild of their data folder, and only those", async () => {
  const parent = mkdtempSync(join(tmpdir(), "kexin-scratch-"));
  try {
    const dataDir = join(parent, "data");
    const own = [leftover(parent, ".kexin-index-rebuild-data-a1B2c3"), leftover(parent, ".kexin-index-rebuild-data-Zz9yX8")];
    // Another data folder's rebuild in the same parent may be running: its scratch is not ours to remove.
    const sibling = leftover(parent, ".kexin-index-rebuild-data-2-a1B2c3");
    const unrelated = leftover(parent, "backup-of-data");
    const chain = await startTestChain({ dataDir });
    await chain.close();
    for (const path of own) assert.equal(existsSync(path), false, `${path} is removed at start`);
    assert.equal(existsSync(sibling), true, "another data folder's scratch stays");
    assert.equal(existsSync(unrelated), true, "other folders stay");

    const again = leftover(parent, ".kexin-index-rebuild-data-q7W8e9");
    await rebuildDerivedIndex({ dataDir, genesis: chain.genesis });
    assert.equal(existsSync(again), false, "the next rebuild removes it too");
    assert.equal(existsSync(sibling), true, "another data folder's scratch stays");
    assert.deepEqual(
      readdirSync(parent).filter((name) => name.startsWith(".kexin-index-rebuild-data-") && name !== ".kexin-index-rebuild-data-2-a1B2c3"),
      [],
      "the rebuild removed its own scratch when done",
    );
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});
