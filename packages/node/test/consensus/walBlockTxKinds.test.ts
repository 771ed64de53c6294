import assert from "node:assert/strict";
import { test } from "node:test";
import { encodeHeader, getSuite, signTx } from "@kexin/core";
import { encodeProposedBlock } from "../../src/consensus/bft/chainApplication.ts";
import { LmdbWal } from "../../src/consensus/bft/lmdbWal.ts";
import { walBlockTxKinds } from "../../src/consensus/index.ts";
import { MemoryChainStore } from "../../src/storage/index.ts";
import { treeAndHead } from "../stateTreeBatch.ts";

const suite = getSuite("intl");

test("default: the transactions of the blocks a WAL holds for the next height, which a restarted replica replays", () => {
  const store = new MemoryChainStore();
  store.initialise(new Uint8Array(32), new Map(), treeAndHead(store, { height: 0, hash: new Uint8Array(32), time: 0 }, new Map()).stateTree, { height: 0, hash: new Uint8Array(32), time: 0, appHash: new Uint8Array(32) });
  const key = suite.generatePrivateKey();
  const tx = (module: string, type: string): Uint8Array => signTx(suite, key, { chainId: "c", nonce: 0, module, type, payload: {}, expiry: 10 }).bytes;
  const header = encodeHeader({ chainId: "c", height: 1, time: 0, prevHash: new Uint8Array(32), txCount: 2, txRoot: new Uint8Array(32), resultsRoot: new Uint8Array(32), appHash: new Uint8Array(32), validatorsHash: new Uint8Array(32), proposer: new Uint8Array(32) });
  const wal = new LmdbWal(store);
  wal.append(1, { type: "input", input: { type: "proposal", height: 1, round: 0, validRound: -1, valueId: "ab", valid: true }, block: encodeProposedBlock(header, [tx("points", "transfer"), tx("contracts", "call")]) });
  wal.append(1, { type: "input", input: { type: "timeout", step: "propose", height: 1, round: 0 } });
  // A later height's entries are not replayed at this start.
  wal.append(2, { type: "input", input: { type: "proposal", height: 2, round: 0, validRound: -1, valueId: "cd", valid: true }, block: encodeProposedBlock(header, [tx("evidence", "anchor")]) });
  wal.flush();
  assert.deepEqual(
    walBlockTxKinds(store).map(({ module, type }) => `${module}.${type}`),
    ["points.transfer", "contracts.call"],
  );
});

test("behavior: an empty WAL holds no transactions", () => {
  const store = new MemoryChainStore();
  store.initialise(new Uint8Array(32), new Map(), treeAndHead(store, { height: 0, hash: new Uint8Array(32), time: 0 }, new Map()).stateTree, { height: 0, hash: new Uint8Array(32), time: 0, appHash: new Uint8Array(32) });
  assert.deepEqual(walBlockTxKinds(store), []);
});
