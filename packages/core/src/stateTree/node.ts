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
export function encodeNodeKey(version: number, depth: number, path: Uint8Array, into?: Uint8Array): Uint8Array {
  const pathBytes = (depth + 7) >> 3;
  const key = into?.subarray(0, 6 + pathBytes) ?? new Uint8Array(6 + pathBytes);
  // Byte by byte rather than through a DataView: a batch builds tens of thousands of these.
  key[0] = version >>> 24;
  key[1] = (version >>> 16) & 0xff;
  key[2] = (version >>> 8) & 0xff;
  key[3] = version & 0xff;
  key[4] = depth >>> 8;
  key[5] = depth & 0xff;
  for (let index = 0; index < pathBytes; index++) key[6 + index] = path[index] as number;
  const rest = depth & 7;
  if (rest !== 0) key[6 + pathBytes - 1]! &= (0xff << (8 - rest)) & 0xff;
  return key;
}

/** The bytes encodeNodeKey writes for a node at `depth`. */
export function nodeKeyBytes(depth: number): number {
  return 6 + ((depth + 7) >> 3);
}

const leafTag = 0;
const internalTag = 1;
const childBytes = 4 + stateTreeHashBytes;

function writeUint32(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = value >>> 24;
  bytes[offset + 1] = (value >>> 16) & 0xff;
  bytes[offset + 2] = (value >>> 8) & 0xff;
  bytes[offset + 3] = value & 0xff;
}

/** The bytes encodeNode writes for `node`. */
export function nodeBytes(node: StateTreeNode): number {
  if (node.kind === "leaf") return 1 + 2 * stateTreeHashBytes;
  return 2 + (node.left === null ? 0 : childBytes) + (node.right === null ? 0 : childBytes);
}

/**
 * Storage encoding (never hashed): leaf = 0x00 ‖ keyHash ‖ valueHash; internal = 0x01 ‖ flags ‖
 * (version ‖ hash) per present child. Into `into` when given, which must hold nodeBytes(node).
 */
export function encodeNode(node: StateTreeNode, into?: Uint8Array): Uint8Array {
  const bytes = into?.subarray(0, nodeBytes(node)) ?? new Uint8Array(nodeBytes(node));
  if (node.kind === "leaf") {
    bytes[0] = leafTag;
    bytes.set(node.keyHash, 1);
    bytes.set(node.valueHash, 1 + stateTreeHashBytes);
    return bytes;
  }
  bytes[0] = internalTag;
  let flags = 0;
  let offset = 2;
  for (const [side, child] of [node.left, node.right].entries()) {
    if (child === null) continue;
    flags |= (1 | (child.leaf ? 2 : 0)) << (side * 2);
    writeUint32(bytes, offset, child.version);
    bytes.set(child.hash, offset + 4);
    offset += childBytes;
  }
  bytes[1] = flags;
  return bytes;
}

function readUint32(bytes: Uint8Array, offset: number): number {
  return (((bytes[offset] as number) << 24) | ((bytes[offset + 1] as number) << 16) | ((bytes[offset + 2] as number) << 8) | (bytes[offset + 3] as number)) >>> 0;
}

function corrupt(reason: string): never {
  throw new StateTreeError({ code: "STATE_TREE_NODE_CORRUPT", reason }, `a state tree node is corrupt: ${reason}`);
}

/** The node's hashes are views into `bytes`, which the caller must not change afterwards. */
export function decodeNode(bytes: Uint8Array): StateTreeNode {
  if (bytes[0] === leafTag && bytes.length === 1 + 2 * stateTreeHashBytes) {
    return { kind: "leaf", keyHash: bytes.subarray(1, 1 + stateTreeHashBytes), valueHash: bytes.subarray(1 + stateTreeHashBytes) };
  }
  if (bytes[0] !== internalTag || bytes.length < 2) corrupt("unknown node tag");
  const flags = bytes[1] as number;
  if (flags > 15) corrupt("unknown child flags");
  let offset = 2;
  const child = (side: number): StateTreeChild | null => {
    const bits = (flags >> (side * 2)) & 3;
    if ((bits & 1) === 0) return null;
    if (offset + childBytes > bytes.length) corrupt("internal node too short");
    const result = { version: readUint32(bytes, offset), hash: bytes.subarray(offset + 4, offset + childBytes), leaf: (bits & 2) !== 0 };
    offset += childBytes;
    return result;
  };
  const left = child(0);
  const right = child(1);
  if (offset !== bytes.length) corrupt("internal node too long");
  return { kind: "internal", left, right };
}

/** Storage encoding of a version's root: empty, or the root child's flag ‖ version ‖ hash. */
export function encodeRoot(root: StateTreeRoot): Uint8Array {
  if (root === null) return new Uint8Array(0);
  const bytes = new Uint8Array(1 + childBytes);
  bytes[0] = root.leaf ? 1 : 0;
  writeUint32(bytes, 1, root.version);
  bytes.set(root.hash, 5);
  return bytes;
}

export function decodeRoot(bytes: Uint8Array): StateTreeRoot {
  if (bytes.length === 0) return null;
  if (bytes.length !== 1 + childBytes) corrupt("root record length");
  return { leaf: bytes[0] === 1, version: readUint32(bytes, 1), hash: bytes.slice(5) };
}

