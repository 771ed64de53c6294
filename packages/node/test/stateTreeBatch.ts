import { type StateTreeBatch, getSuite } from "@kexin/core";
import { stateCommitment } from "../src/execution/index.ts";
import type { ChainHead, StateTreeStore } from "../src/storage/index.ts";

const suite = getSuite("intl");

/** A version's state tree over `store`'s, and the head that goes with it, for tests that write stores directly. */
export function treeAndHead(store: StateTreeStore, head: Omit<ChainHead, "appHash">, writes: ReadonlyMap<string, Uint8Array | null>): { stateTree: StateTreeBatch; head: ChainHead } {
  const stateTree = stateCommitment(suite.hash, store, head.height, writes);
  return { stateTree, head: { ...head, appHash: stateTree.rootHash } };
}
