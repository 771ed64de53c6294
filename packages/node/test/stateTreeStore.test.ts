import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { encodeStateTreeProof, getSuite, proveStateTree, toHex, utf8, verifyStateTreeProof } from "@kexin/core";
import { type ChainStore, LmdbChainStore, MemoryChainStore } from "../src/storage/index.ts";
import { treeAndHead } from "./stateTreeBatch.ts";

const suite = getSuite("intl");

/** Deterministic writes for a height: new keys, updates, deletions, and derived-index keys that stay out of the tree. */
function writesAt(height: number): Map<string, Uint8Array | null> {
  const writes = new Map<string, Uint8Array | null>();
  for (let index = 0; index < 40; index++) {
    const key = `points/k${(height * 31 + index * 7) % 97}`;
    writes.set(key, (height + index) % 5 === 0 ? null : utf8(`${height}:${index}`));
  }
  writes.set(`~index/points/h${height}`, utf8("index"));
  return writes;
}

function commitHeights(store: ChainStore, heights: number): Map<number, Map<string, Uint8Array>> {
  const states = new Map<number, Map<string, Uint8Array>>();
  const state = new Map<string, Uint8Array>();
  for (let height = 0; height <= heights; height++) {
    const writes = writesAt(height);
    const { stateTree, head } = treeAndHead(store, { height, hash: suite.hash(utf8(`block ${height}`)), time: height }, writes);
    if (height === 0) store.initialise(new Uint8Array(32), writes, stateTree, head);
    else store.commitBlock({ height, hash: head.hash, header: head.hash, commit: head.hash, txs: [], stateWrites: writes, stateTree, head });
    for (const [key, value] of writes) {
      if (key.startsWith("~index/")) continue;
      if (value === null) state.delete(key);
      else state.set(key, value);
    }
    states.set(height, new Map(state));
  }
  return states;
}

async function eachStore(body: (store: ChainStore, name: string) => void): Promise<void> {
  const path = mkdtempSync(join(tmpdir(), "kexin-state-tree-"));
  const lmdb = new LmdbChainStore({ path });
  try {
    body(lmdb, "lmdb");
    body(new MemoryChainStore(), "memory");
  } finally {
    await lmdb.close();
    rmSync(path, { recursive: true, force: true });
  }
}

test("behavior: the head's app hash is the root of a tree built afresh over all state, and every kept version proves its keys", async () => {
  await eachStore((store, name) => {
    const states = commitHeights(store, 12);
    for (const [height, state] of states) {
      const fresh = new MemoryChainStore();
      const { head } = treeAndHead(fresh, { height: 0, hash: new Uint8Array(32), time: 0 }, state);
      const root = store.stateTreeRoot(height);
      assert.ok(root !== undefined, `${name}: version ${height} is kept`);
      assert.equal(toHex(root?.hash ?? new Uint8Array(32)), toHex(head.appHash), `${name}: the root of version ${height} depends only on the state`);
      for (let index = 0; index < 97; index++) {
        const key = `points/k${index}`;
        const proof = encodeStateTreeProof(proveStateTree(suite.hash, store, root, utf8(key)));
        verifyStateTreeProof(suite.hash, head.appHash, utf8(key), state.get(key) ?? null, proof);
      }
    }
    assert.equal(toHex(store.head()?.appHash ?? new Uint8Array()), toHex(store.stateTreeRoot(12)?.hash ?? new Uint8Array()), `${name}: the head carries the last root`);
  });
});

test("error: a store refuses a tree whose root is not the head's app hash", async () => {
  await eachStore((store, name) => {
    const { stateTree, head } = treeAndHead(store, { height: 0, hash: new Uint8Array(32), time: 0 }, writesAt(0));
    assert.throws(() => store.initialise(new Uint8Array(32), writesAt(0), stateTree, { ...head, appHash: new Uint8Array(32) }), /does not match the head/, name);
    assert.equal(store.head(), undefined, `${name}: nothing written`);
  });
});
