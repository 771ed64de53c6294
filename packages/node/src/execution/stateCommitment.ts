import { type HashFunction, type StateTreeBatch, type StateTreeWrite, stateKeyHash, updateStateTree, utf8 } from "@kexin/core";
import { type StateTreeStore, derivedIndexKeyPrefix } from "../storage/index.ts";

/**
 * The state tree after a block (version `height`; 0 is genesis) over the tree after the one
 * before: its root is the app hash (SPEC.md §6). Derived-index writes are left out: they follow
 * from the transactions, which txRoot commits. The nodes it returns are written with the block.
 */
export function stateCommitment(hash: HashFunction, tree: StateTreeStore, height: number, writes: ReadonlyMap<string, Uint8Array | null>): StateTreeBatch {
  const previous = height === 0 ? null : tree.stateTreeRoot(height - 1);
  if (previous === undefined) throw new Error(`the state tree has no root for version ${height - 1}`);
  const treeWrites: StateTreeWrite[] = [];
  for (const [key, value] of writes) {
    if (!key.startsWith(derivedIndexKeyPrefix)) treeWrites.push({ keyHash: stateKeyHash(hash, utf8(key)), valueHash: value === null ? null : hash(value) });
  }
  return updateStateTree(hash, tree, previous, height, treeWrites);
}
