import { StateTreeError } from "./errors.ts";
import { stateTreeHashBytes } from "./hashing.ts";

/** A reference from a parent to a child node: the child's hash, and the version (height) that wrote it. */
export interface StateTreeChild {
  readonly hash: Uint8Array;
  readonly version: number;
  readonly leaf: boolean;
}

/** The root of one version: null for an empty tree. */
export type StateTreeRoot = StateTreeChild | null;

export type StateTreeNode =
  | { readonly kind: "leaf"; readonly keyHash: Uint8Array; readonly valueHash: Uint8Array }
  | { readonly kind: "internal"; readonly left: StateTreeChild | null; readonly right: StateTreeChild | null };

/**
 * Where nodes are kept: encoded node keys to encoded nodes. Core only reads through it; the node
 * writes what an update returns in the block's own storage transaction.
 */
export interface StateTreeNodeReader {
  readNode(nodeKey: Uint8Array): Uint8Array | undefined;
}

/**
 * A node key: version (uint32 BE) ‖ depth (uint16 BE) ‖ the first `depth` bits of the path, in
 * ceil(depth / 8) bytes with the bits past `depth` zero. A node is never rewritten under its key,
 * so every version's tree stays readable, and keys sort by version first, which lets a pruner
 * drop whole versions by range once their nodes are recorded stale.
 */
export function encodeNodeKey(version: number, depth: number, path: Uint8Array): Uint8Array {
  const pathBytes = (depth + 7) >> 3;
  const key = new Uint8Array(6 + pathBytes);
  const view = new DataView(key.buffer);
  view.setUint32(0, version);
  view.setUint16(4, depth);
  key.set(path.subarray(0, pathBytes), 6);
  const rest = depth & 7;
  if (rest !== 0) key[6 + pathBytes - 1]! &= (0xff << (8 - rest)) & 0xff;
  return key;
}

const leafTag = 0;
const internalTag = 1;
const childBytes = 4 + stateTreeHashBytes;

/** Storage encoding (never hashed): leaf = 0x00 ‖ keyHash ‖ valueHash; internal = 0x01 ‖ flags ‖ (version ‖ hash) per present child. */
export function encodeNode(node: StateTreeNode): Uint8Array {
  if (node.kind === "leaf") {
    const bytes = new Uint8Array(1 + 2 * stateTreeHashBytes);
    bytes[0] = leafTag;
    bytes.set(node.keyHash, 1);
    bytes.set(node.valueHash, 1 + stateTreeHashBytes);
    return bytes;
  }
  const children = [node.left, node.right];
  const bytes = new Uint8Array(2 + children.filter((child) => child !== null).length * childBytes);
  const view = new DataView(bytes.buffer);
  bytes[0] = internalTag;
  let flags = 0;
  let offset = 2;
  children.forEach((child, side) => {
    if (child === null) return;
    flags |= (1 | (child.leaf ? 2 : 0)) << (side * 2);
    view.setUint32(offset, child.version);
    bytes.set(child.hash, offset + 4);
    offset += childBytes;
  });
  bytes[1] = flags;
  return bytes;
}

export function decodeNode(bytes: Uint8Array): StateTreeNode {
  if (bytes[0] === leafTag && bytes.length === 1 + 2 * stateTreeHashBytes) {
    return { kind: "leaf", keyHash: bytes.slice(1, 1 + stateTreeHashBytes), valueHash: bytes.slice(1 + stateTreeHashBytes) };
  }
  if (bytes[0] !== internalTag || bytes.length < 2) throw new StateTreeError({ code: "STATE_TREE_NODE_CORRUPT", reason: "unknown node tag" }, "a state tree node is corrupt");
  const flags = bytes[1] as number;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 2;
  const child = (side: number): StateTreeChild | null => {
    const bits = (flags >> (side * 2)) & 3;
    if ((bits & 1) === 0) return null;
    if (offset + childBytes > bytes.length) throw new StateTreeError({ code: "STATE_TREE_NODE_CORRUPT", reason: "internal node too short" }, "a state tree node is corrupt");
    const result = { version: view.getUint32(offset), hash: bytes.slice(offset + 4, offset + childBytes), leaf: (bits & 2) !== 0 };
    offset += childBytes;
    return result;
  };
  const left = child(0);
  const right = child(1);
  if (offset !== bytes.length || flags > 15) throw new StateTreeError({ code: "STATE_TREE_NODE_CORRUPT", reason: "internal node length" }, "a state tree node is corrupt");
  return { kind: "internal", left, right };
}

/** Storage encoding of a version's root: empty, or the root child's flag ‖ version ‖ hash. */
export function encodeRoot(root: StateTreeRoot): Uint8Array {
  if (root === null) return new Uint8Array(0);
  const bytes = new Uint8Array(1 + childBytes);
  bytes[0] = root.leaf ? 1 : 0;
  new DataView(bytes.buffer).setUint32(1, root.version);
  bytes.set(root.hash, 5);
  return bytes;
}

export function decodeRoot(bytes: Uint8Array): StateTreeRoot {
  if (bytes.length === 0) return null;
  if (bytes.length !== 1 + childBytes) throw new StateTreeError({ code: "STATE_TREE_NODE_CORRUPT", reason: "root record length" }, "a state tree root record is corrupt");
  return { leaf: bytes[0] === 1, version: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(1), hash: bytes.slice(5) };
}

