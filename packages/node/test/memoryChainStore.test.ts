import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { LmdbWal, type WalEntry } from "../src/consensus/bft/index.ts";
import { type ChainStore, LmdbChainStore, MemoryChainStore } from "../src/storage/index.ts";
import { treeAndHead } from "./stateTreeBatch.ts";

const zeros = new Uint8Array(32);
const genesisHead = { height: 0, hash: zeros, time: 0, appHash: zeros };

/** Runs `body` over an LMDB store in a temporary folder and over a memory store: both must behave the same. */
async function eachStore(body: (store: ChainStore, name: string) => void): Promise<void> {
  const path = mkdtempSync(join(tmpdir(), "kexin-store-"));
  const lmdb = new LmdbChainStore({ path });
  try {
    body(lmdb, "lmdb");
    body(new MemoryChainStore(), "memory");
  } finally {
    await lmdb.close();
    rmSync(path, { recursive: true, force: true });
  }
}

test("behavior: both stores range over state in key byte order and keep the derived index apart", async () => {
  await eachStore((store, name) => {
    const keys = ["points/a", "points/😀", "points/b/😀", "points/名", "points/\u00ff", "pointsx", "point", "points0", "~index/points/x"];
    const genesisWrites = new Map(keys.map((key) => [key, new Uint8Array([1])] as [string, Uint8Array]));
    const genesis = treeAndHead(store, genesisHead, genesisWrites);
    store.initialise(zeros, genesisWrites, genesis.stateTree, genesis.head);
    assert.deepEqual([...store.stateRange("points/", 100)].map((entry) => entry.key), ["points/a", "points/b/😀", "points/\u00ff", "points/名", "points/😀"], name);
    assert.equal([...store.stateRange("points/", 2)].length, 2, `${name}: the limit bounds the scan`);
    assert.deepEqual([...store.derivedIndexEntries()].map((entry) => entry.key), ["~index/points/x"], name);
    store.commitBlock({
      height: 1,
      hash: new Uint8Array(32).fill(1),
      header: new Uint8Array([1]),
      commit: new Uint8Array([2]),
      txs: [{ hash: new Uint8Array(32).fill(7), bytes: new Uint8Array([3]), result: new Uint8Array([4]) }],
      stateWrites: new Map([["points/a", null], ["points/c", new Uint8Array([2])]]),
      ...treeAndHead(store, { height: 1, hash: new Uint8Array(32).fill(1), time: 1 }, new Map([["points/a", null], ["points/c", new Uint8Array([2])]])),
    });
    assert.deepEqual([...store.stateRange("points/", 100)].map((entry) => entry.key), ["points/b/😀", "points/c", "points/\u00ff", "points/名", "points/😀"], name);
    assert.deepEqual(store.locateTx(new Uint8Array(32).fill(7)), { height: 1, index: 0 }, name);
    assert.equal(store.heightOfBlockHash(new Uint8Array(32).fill(1)), 1, name);
    assert.equal(store.replaceDerivedIndex([{ key: "~index/y", value: new Uint8Array([9]) }]), 1, name);
    assert.deepEqual([...store.derivedIndexEntries()].map((entry) => entry.key), ["~index/y"], name);
    assert.throws(() => store.replaceDerivedIndex([{ key: "~index/z", value: zeros }, { key: "points/q", value: zeros }]), /not a derived-index key/, name);
    assert.deepEqual([...store.derivedIndexEntries()].map((entry) => entry.key), ["~index/y"], `${name}: a refused replacement changes nothing`);
    assert.throws(() => store.commitBlock({ height: 3, hash: zeros, header: zeros, commit: zeros, txs: [], stateWrites: new Map(), stateTree: genesis.stateTree, head: genesis.head }), /does not follow head 1/, name);
  });
});

const entry = (round: number): WalEntry => ({ type: "input", input: { type: "timeout", step: "propose", height: 5, round } });

test("behavior: a WAL whose last append was torn replays the intact prefix, and appends after it are replayed too", async () => {
  await eachStore((store, name) => {
    const wal = new LmdbWal(store);
    wal.append(5, entry(0));
    wal.append(5, entry(1));
    wal.flush();
    // A crash in the middle of the next append: one entry whole, the next cut short.
    const whole = store.walEntries(5)[0] as Uint8Array;
    store.appendWal(5, [whole, whole.slice(0, whole.length - 3)]);
    const replayed = new LmdbWal(store);
    assert.equal(replayed.entries(5).length, 3, `${name}: the intact prefix is replayed`);
    replayed.append(5, entry(2));
    replayed.flush();
    const again = new LmdbWal(store).entries(5);
    assert.equal(again.length, 4, `${name}: the append after the torn entry is not hidden behind it`);
    assert.deepEqual(again[3], entry(2), name);
  });
});

test("error: an entry that does not decode with intact entries after it is a damaged log, not a torn write: replay refuses it", async () => {
  await eachStore((store, name) => {
    const wal = new LmdbWal(store);
    wal.append(5, entry(0));
    wal.flush();
    // A copy: the store may hand out views of its own memory.
    const whole = Uint8Array.from(store.walEntries(5)[0] as Uint8Array);
    store.appendWal(5, [whole.slice(0, whole.length - 3), whole]);
    assert.throws(() => new LmdbWal(store).entries(5), /corrupt consensus WAL at height 5: entry 1 of 3 does not decode and is not the last/, name);
    assert.equal(store.walEntries(5).length, 3, `${name}: nothing of the log is removed`);
  });
});

test("behavior: a height whose first flush held one entry keeps it when the next flush appends", async () => {
  await eachStore((store, name) => {
    const wal = new LmdbWal(store);
    wal.append(5, entry(0));
    wal.flush();
    wal.append(5, entry(1));
    wal.flush();
    assert.deepEqual(new LmdbWal(store).entries(5), [entry(0), entry(1)], `${name}: the first entry is not overwritten`);
  });
});
