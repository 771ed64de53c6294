// Run under strace by durableCommit.test.ts: writes markers to stderr around each ChainStore write
// so the system calls LMDB makes inside each call can be told apart.
import { writeSync } from "node:fs";
import { LmdbChainStore } from "../../src/storage/index.ts";
import { treeAndHead } from "../stateTreeBatch.ts";

const [path] = process.argv.slice(2);
if (path === undefined) throw new Error("usage: commitChild.ts <data folder>");
const marker = (text: string): void => {
  writeSync(2, `<<${text}>>\n`);
};
const bytes = (seed: number, length = 32): Uint8Array => new Uint8Array(length).fill(seed);

const store = new LmdbChainStore({ path, mapSizeBytes: 64 * 1024 * 1024 });
const genesisWrites = new Map([["points/genesis", bytes(1)]]);
const genesis = treeAndHead(store, { height: 0, hash: bytes(0), time: 0 }, genesisWrites);
store.initialise(bytes(0), genesisWrites, genesis.stateTree, genesis.head);
for (let height = 1; height <= 3; height++) {
  marker(`begin block ${height}`);
  store.commitBlock({
    height,
    hash: bytes(height),
    header: bytes(height, 200),
    commit: bytes(height, 100),
    txs: [{ hash: bytes(100 + height), bytes: bytes(height, 150), result: bytes(height, 20) }],
    stateWrites: new Map([[`points/${height}`, bytes(height, 40)]]),
    ...treeAndHead(store, { height, hash: bytes(height), time: height }, new Map([[`points/${height}`, bytes(height, 40)]])),
  });
  marker(`returned block ${height}`);
  marker(`begin wal ${height}`);
  store.appendWal(height, [bytes(height, 80)]);
  marker(`returned wal ${height}`);
}
await store.close();
