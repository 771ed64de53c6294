import { compareBytes } from "../bytes.ts";
import type { HashFunction } from "../merkle.ts";
import { StateTreeError } from "./errors.ts";
import { keyBit, stateInternalHash, stateLeafHash, stateTreeEmptyHash, stateTreeHashBytes } from "./hashing.ts";
import { type StateTreeChild, type StateTreeNode, type StateTreeNodeReader, type StateTreeRoot, decodeNode, encodeNode, encodeNodeKey } from "./node.ts";

/** One state write as the tree sees it: the key's hash, and the value's hash or null for a deletion. */
export interface StateTreeWrite {
  readonly keyHash: Uint8Array;
  readonly valueHash: Uint8Array | null;
}

/** What one version adds: its root, the nodes it writes, and the keys of the nodes it replaces (stale from this version on). */
export interface StateTreeBatch {
  readonly version: number;
  readonly root: StateTreeRoot;
  readonly rootHash: Uint8Array;
  readonly nodes: readonly { readonly key: Uint8Array; readonly node: Uint8Array }[];
  readonly stale: readonly Uint8Array[];
}

interface Leaf {
  readonly keyHash: Uint8Array;
  readonly valueHash: Uint8Array;
}

/**
 * A subtree while a batch is applied: unchanged (stored where it is), or a leaf not yet placed,
 * because where a leaf lives depends on its neighbours, known only once both sides are done.
 */
type Pending = null | { readonly kind: "stored"; readonly child: StateTreeChild } | { readonly kind: "leaf"; readonly leaf: Leaf; readonly hash: Uint8Array };

function withBit(path: Uint8Array, depth: number): Uint8Array {
  const next = path.slice();
  next[depth >> 3]! |= 0x80 >> (depth & 7);
  return next;
}

class BatchUpdate {
  readonly nodes: { key: Uint8Array; node: Uint8Array }[] = [];
  readonly stale: Uint8Array[] = [];

  constructor(
    private readonly hash: HashFunction,
    private readonly reader: StateTreeNodeReader,
    private readonly version: number,
  ) {}

  private load(child: StateTreeChild, depth: number, path: Uint8Array): StateTreeNode {
    const key = encodeNodeKey(child.version, depth, path);
    const bytes = this.reader.readNode(key);
    if (bytes === undefined) throw new StateTreeError({ code: "STATE_TREE_NODE_MISSING", version: child.version, depth }, `the state tree node of version ${child.version} at depth ${depth} is missing`);
    this.stale.push(key);
    return decodeNode(bytes);
  }

  /** Applies `writes` (sorted by key hash, all under `path`) to the subtree `child` at `depth`. */
  update(child: StateTreeChild | null, depth: number, path: Uint8Array, writes: readonly StateTreeWrite[]): Pending {
    if (writes.length === 0) return child === null ? null : { kind: "stored", child };
    if (child === null) return this.build(depth, path, inserted(writes));
    const node = this.load(child, depth, path);
    if (node.kind === "leaf") {
      const replaced = writes.some((write) => compareBytes(write.keyHash, node.keyHash) === 0);
      const leaves = inserted(writes);
      if (!replaced) leaves.splice(lowerBound(leaves, node.keyHash), 0, node);
      return this.build(depth, path, leaves);
    }
    const split = firstWithBit(writes, depth);
    const left = this.update(node.left, depth + 1, path, writes.slice(0, split));
    const right = this.update(node.right, depth + 1, withBit(path, depth), writes.slice(split));
    return this.join(depth, path, left, right);
  }

  /** The subtree at `depth` holding exactly `leaves` (sorted, distinct). */
  private build(depth: number, path: Uint8Array, leaves: readonly Leaf[]): Pending {
    if (leaves.length === 0) return null;
    if (leaves.length === 1) {
      const leaf = leaves[0] as Leaf;
      return { kind: "leaf", leaf, hash: stateLeafHash(this.hash, leaf.keyHash, leaf.valueHash) };
    }
    const split = firstWithBit(leaves, depth);
    return this.join(depth, path, this.build(depth + 1, path, leaves.slice(0, split)), this.build(depth + 1, withBit(path, depth), leaves.slice(split)));
  }

  /** An internal node over two subtrees, or, when one side is empty and the other one leaf, that leaf moved up. */
  private join(depth: number, path: Uint8Array, left: Pending, right: Pending): Pending {
    if (left === null && right === null) return null;
    const lone = left === null ? right : right === null ? left : undefined;
    if (lone?.kind === "leaf") return lone;
    if (lone?.kind === "stored" && lone.child.leaf) {
      const childPath = left === null ? withBit(path, depth) : path;
      const node = this.load(lone.child, depth + 1, childPath);
      if (node.kind !== "leaf") throw new StateTreeError({ code: "STATE_TREE_NODE_CORRUPT", reason: "a leaf reference points at an internal node" }, "a state tree node is corrupt");
      return { kind: "leaf", leaf: node, hash: lone.child.hash };
    }
    const leftChild = this.place(left, depth + 1, path);
    const rightChild = this.place(right, depth + 1, withBit(path, depth));
    const hash = stateInternalHash(this.hash, leftChild?.hash ?? stateTreeEmptyHash, rightChild?.hash ?? stateTreeEmptyHash);
    this.nodes.push({ key: encodeNodeKey(this.version, depth, path), node: encodeNode({ kind: "internal", left: leftChild, right: rightChild }) });
    return { kind: "stored", child: { hash, version: this.version, leaf: false } };
  }

  /** Fixes a pending subtree at its position, writing a leaf that is new there. */
  place(pending: Pending, depth: number, path: Uint8Array): StateTreeChild | null {
    if (pending === null) return null;
    if (pending.kind === "stored") return pending.child;
    this.nodes.push({ key: encodeNodeKey(this.version, depth, path), node: encodeNode({ kind: "leaf", ...pending.leaf }) });
    return { hash: pending.hash, version: this.version, leaf: true };
  }
}

function inserted(writes: readonly StateTreeWrite[]): Leaf[] {
  const leaves: Leaf[] = [];
  for (const write of writes) if (write.valueHash !== null) leaves.push({ keyHash: write.keyHash, valueHash: write.valueHash });
  return leaves;
}

function lowerBound(leaves: readonly Leaf[], keyHash: Uint8Array): number {
  let low = 0;
  let high = leaves.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (compareBytes((leaves[middle] as Leaf).keyHash, keyHash) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The index of the first entry whose key hash has bit `depth` set; entries are sorted, so those with it clear come first. */
function firstWithBit(entries: readonly { keyHash: Uint8Array }[], depth: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (keyBit((entries[middle] as { keyHash: Uint8Array }).keyHash, depth) === 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Applies one version's writes to the tree whose root is `previous`, computing each touched node
 * once, and returns what to store. Writes may come in any order; a key written twice is refused.
 */
export function updateStateTree(hash: HashFunction, reader: StateTreeNodeReader, previous: StateTreeRoot, version: number, writes: readonly StateTreeWrite[]): StateTreeBatch {
  const sorted = [...writes].sort((a, b) => compareBytes(a.keyHash, b.keyHash));
  for (let index = 0; index < sorted.length; index++) {
    const write = sorted[index] as StateTreeWrite;
    if (write.keyHash.length !== stateTreeHashBytes || (write.valueHash !== null && write.valueHash.length !== stateTreeHashBytes)) {
      throw new StateTreeError({ code: "STATE_TREE_BAD_HASH", lengthBytes: write.keyHash.length }, "state tree hashes are 32 bytes");
    }
    if (index > 0 && compareBytes((sorted[index - 1] as StateTreeWrite).keyHash, write.keyHash) === 0) throw new Error("a state tree batch writes a key twice");
  }
  const batch = new BatchUpdate(hash, reader, version);
  const path = new Uint8Array(stateTreeHashBytes);
  const root = batch.place(batch.update(previous, 0, path, sorted), 0, path);
  return { version, root, rootHash: root?.hash ?? stateTreeEmptyHash, nodes: batch.nodes, stale: batch.stale };
}
