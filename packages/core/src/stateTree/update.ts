import { compareBytes } from "../bytes.ts";
import type { HashFunction } from "../merkle.ts";
import { StateTreeError } from "./errors.ts";
import { keyBit, stateInternalHash, stateLeafHash, stateTreeEmptyHash, stateTreeHashBytes } from "./hashing.ts";
import { type StateTreeChild, type StateTreeNode, type StateTreeNodeReader, type StateTreeRoot, decodeNode, encodeNode, encodeNodeKey, nodeBytes, nodeKeyBytes } from "./node.ts";

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

/**
 * Hands out the batch's keys and encoded nodes as views into a few large buffers: a block makes
 * tens of thousands of them, and a small array each costs V8 an allocation and a later sweep.
 */
class ByteArena {
  private chunk = new Uint8Array(0);
  private used = 0;
  take(length: number): Uint8Array {
    if (this.used + length > this.chunk.length) {
      this.chunk = new Uint8Array(Math.max(64 * 1024, length));
      this.used = 0;
    }
    const bytes = this.chunk.subarray(this.used, this.used + length);
    this.used += length;
    return bytes;
  }
}

/** Path bits past a call's depth are scratch: each call sets bit `depth` before it uses a child's place. */
function setBit(path: Uint8Array, depth: number, bit: number): void {
  const mask = 0x80 >> (depth & 7);
  if (bit === 1) path[depth >> 3]! |= mask;
  else path[depth >> 3]! &= ~mask;
}

class BatchUpdate {
  readonly nodes: { key: Uint8Array; node: Uint8Array }[] = [];
  readonly stale: Uint8Array[] = [];
  private readonly arena = new ByteArena();

  constructor(
    private readonly hash: HashFunction,
    private readonly reader: StateTreeNodeReader,
    private readonly version: number,
  ) {}

  /** Reads a node this version replaces, and records it stale. */
  private load(child: StateTreeChild, depth: number, path: Uint8Array): StateTreeNode {
    const key = encodeNodeKey(child.version, depth, path, this.arena.take(nodeKeyBytes(depth)));
    const bytes = this.reader.readNode(key);
    if (bytes === undefined) throw new StateTreeError({ code: "STATE_TREE_NODE_MISSING", version: child.version, depth }, `the state tree node of version ${child.version} at depth ${depth} is missing`);
    this.stale.push(key);
    return decodeNode(bytes);
  }

  private write(depth: number, path: Uint8Array, node: StateTreeNode): void {
    this.nodes.push({ key: encodeNodeKey(this.version, depth, path, this.arena.take(nodeKeyBytes(depth))), node: encodeNode(node, this.arena.take(nodeBytes(node))) });
  }

  /** Applies writes[from, to) (sorted by key hash, all under the path's first `depth` bits) to the subtree `child` at `depth`. */
  update(child: StateTreeChild | null, depth: number, path: Uint8Array, writes: readonly StateTreeWrite[], from: number, to: number): Pending {
    if (from === to) return child === null ? null : { kind: "stored", child };
    if (child === null) return this.build(depth, path, inserted(writes, from, to), 0, -1);
    const node = this.load(child, depth, path);
    if (node.kind === "leaf") {
      const leaves = inserted(writes, from, to);
      const at = lowerBound(leaves, node.keyHash);
      const replaced = writes.slice(from, to).some((write) => compareBytes(write.keyHash, node.keyHash) === 0);
      if (!replaced) leaves.splice(at, 0, node);
      return this.build(depth, path, leaves, 0, -1);
    }
    const split = firstWithBit(writes, from, to, depth);
    setBit(path, depth, 0);
    const left = this.update(node.left, depth + 1, path, writes, from, split);
    setBit(path, depth, 1);
    const right = this.update(node.right, depth + 1, path, writes, split, to);
    return this.join(depth, path, left, right);
  }

  /** The subtree at `depth` holding exactly leaves[from, to) (sorted, distinct); to = -1 for all. */
  private build(depth: number, path: Uint8Array, leaves: readonly Leaf[], from: number, to: number): Pending {
    const end = to < 0 ? leaves.length : to;
    if (from === end) return null;
    if (end - from === 1) {
      const leaf = leaves[from] as Leaf;
      return { kind: "leaf", leaf, hash: stateLeafHash(this.hash, leaf.keyHash, leaf.valueHash) };
    }
    const split = firstWithBit(leaves, from, end, depth);
    setBit(path, depth, 0);
    const left = this.build(depth + 1, path, leaves, from, split);
    setBit(path, depth, 1);
    const right = this.build(depth + 1, path, leaves, split, end);
    return this.join(depth, path, left, right);
  }

  /** An internal node over two subtrees, or, when one side is empty and the other one leaf, that leaf moved up. */
  private join(depth: number, path: Uint8Array, left: Pending, right: Pending): Pending {
    if (left === null && right === null) return null;
    const lone = left === null ? right : right === null ? left : undefined;
    if (lone?.kind === "leaf") return lone;
    if (lone?.kind === "stored" && lone.child.leaf) {
      setBit(path, depth, left === null ? 1 : 0);
      const node = this.load(lone.child, depth + 1, path);
      if (node.kind !== "leaf") throw new StateTreeError({ code: "STATE_TREE_NODE_CORRUPT", reason: "a leaf reference points at an internal node" }, "a state tree node is corrupt");
      return { kind: "leaf", leaf: node, hash: lone.child.hash };
    }
    setBit(path, depth, 0);
    const leftChild = this.place(left, depth + 1, path);
    setBit(path, depth, 1);
    const rightChild = this.place(right, depth + 1, path);
    const hash = stateInternalHash(this.hash, leftChild?.hash ?? stateTreeEmptyHash, rightChild?.hash ?? stateTreeEmptyHash);
    this.write(depth, path, { kind: "internal", left: leftChild, right: rightChild });
    return { kind: "stored", child: { hash, version: this.version, leaf: false } };
  }

  /** Fixes a pending subtree at its position, writing a leaf that is new there. */
  place(pending: Pending, depth: number, path: Uint8Array): StateTreeChild | null {
    if (pending === null) return null;
    if (pending.kind === "stored") return pending.child;
    this.write(depth, path, { kind: "leaf", ...pending.leaf });
    return { hash: pending.hash, version: this.version, leaf: true };
  }
}

function inserted(writes: readonly StateTreeWrite[], from: number, to: number): Leaf[] {
  const leaves: Leaf[] = [];
  for (let index = from; index < to; index++) {
    const write = writes[index] as StateTreeWrite;
    if (write.valueHash !== null) leaves.push({ keyHash: write.keyHash, valueHash: write.valueHash });
  }
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

/** The index in [from, to) of the first entry whose key hash has bit `depth` set; entries are sorted, so those with it clear come first. */
function firstWithBit(entries: readonly { keyHash: Uint8Array }[], from: number, to: number, depth: number): number {
  let low = from;
  let high = to;
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
  const pending = batch.update(previous, 0, path, sorted, 0, sorted.length);
  const root = batch.place(pending, 0, path);
  return { version, root, rootHash: root?.hash ?? stateTreeEmptyHash, nodes: batch.nodes, stale: batch.stale };
}
