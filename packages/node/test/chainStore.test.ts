import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { encodeCanonical } from "@kexin/core";
import { open } from "lmdb";
import { LmdbChainStore } from "../src/storage/index.ts";
import { treeAndHead } from "./stateTreeBatch.ts";

test("behavior: a prefix range returns every key with the prefix, whatever its characters, in byte order", async () => {
  const path = mkdtempSync(join(tmpdir(), "kexin-store-"));
  const store = new LmdbChainStore({ path });
  try {
    const keys = ["points/a", "points/😀", "points/b/😀", "points/名", "points/\u00ff", "pointsx", "point", "points0"];
    const writes = new Map(keys.map((key) => [key, new Uint8Array([1])] as [string, Uint8Array]));
    const genesis = treeAndHead(store, { height: 0, hash: new Uint8Array(32), time: 0 }, writes);
    store.initialise(new Uint8Array(32), writes, genesis.stateTree, genesis.head);
    const found = [...store.stateRange("points/", 100)].map((entry) => entry.key);
    assert.deepEqual(found, ["points/a", "points/b/😀", "points/\u00ff", "points/名", "points/😀"]);
    assert.equal([...store.stateRange("points/", 2)].length, 2, "the limit bounds the scan");
  } finally {
    await store.close();
    rmSync(path, { recursive: true, force: true });
  }
});

test("behavior: a transaction's location and result are found by its hash, and results written by older versions still are", async () => {
  const path = mkdtempSync(join(tmpdir(), "kexin-store-"));
  const zeros = new Uint8Array(32);
  const txHash = new Uint8Array(32).fill(7);
  const legacyHash = new Uint8Array(32).fill(9);
  let store = new LmdbChainStore({ path });
  try {
    const genesis = treeAndHead(store, { height: 0, hash: zeros, time: 0 }, new Map());
    store.initialise(zeros, new Map(), genesis.stateTree, genesis.head);
    store.commitBlock({
      height: 1,
      hash: new Uint8Array(32).fill(1),
      header: new Uint8Array([1]),
      commit: new Uint8Array([2]),
      txs: [{ hash: txHash, bytes: new Uint8Array([3]), result: new Uint8Array([4, 5]) }],
      stateWrites: new Map(),
      ...treeAndHead(store, { height: 1, hash: new Uint8Array(32).fill(1), time: 1 }, new Map()),
    });
    assert.deepEqual(store.locateTx(txHash), { height: 1, index: 0 });
    assert.deepEqual(store.getResult(txHash), new Uint8Array([4, 5]));
    assert.equal(store.getResult(legacyHash), undefined);
    await store.close();

    // The earlier layout: [height, index] in txIndex and the result in a table of its own.
    const root = open({ path, maxDbs: 16 });
    root.openDB({ name: "txIndex", encoding: "binary", keyEncoding: "binary" }).putSync(legacyHash, encodeCanonical([1, 1]));
    root.openDB({ name: "results", encoding: "binary", keyEncoding: "binary" }).putSync(legacyHash, new Uint8Array([6]));
    await root.close();

    store = new LmdbChainStore({ path });
    assert.deepEqual(store.locateTx(legacyHash), { height: 1, index: 1 });
    assert.deepEqual([...(store.getResult(legacyHash) ?? [])], [6]);
    assert.deepEqual(store.getResult(txHash), new Uint8Array([4, 5]));
  } finally {
    await store.close();
    rmSync(path, { recursive: true, force: true });
  }
});
