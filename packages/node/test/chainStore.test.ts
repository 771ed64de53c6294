import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ChainStore } from "../src/storage/index.ts";

test("behavior: a prefix range returns every key with the prefix, whatever its characters, in byte order", async () => {
  const path = mkdtempSync(join(tmpdir(), "kexin-store-"));
  const store = new ChainStore({ path });
  try {
    const keys = ["points/a", "points/😀", "points/b/😀", "points/名", "points/\u00ff", "pointsx", "point", "points0"];
    const writes = new Map(keys.map((key) => [key, new Uint8Array([1])] as [string, Uint8Array]));
    store.initialise(new Uint8Array(32), writes, { height: 0, hash: new Uint8Array(32), time: 0, appHash: new Uint8Array(32) });
    const found = [...store.stateRange("points/", 100)].map((entry) => entry.key);
    assert.deepEqual(found, ["points/a", "points/b/😀", "points/\u00ff", "points/名", "points/😀"]);
    assert.equal([...store.stateRange("points/", 2)].length, 2, "the limit bounds the scan");
  } finally {
    await store.close();
    rmSync(path, { recursive: true, force: true });
  }
});
