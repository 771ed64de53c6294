import { bytesEqual } from "../bytes.ts";
import { type CborValue, decodeCanonical, encodeCanonical } from "../codec.ts";
import type { HashFunction } from "../merkle.ts";
import { StateProofError, StateTreeError } from "./errors.ts";
import { keyBit, sharesPrefix, stateInternalHash, stateKeyHash, stateLeafHash, stateTreeEmptyHash, stateTreeHashBytes } from "./hashing.ts";
import { type StateTreeChild, type StateTreeNodeReader, type StateTreeRoot, decodeNode, encodeNodeKey } from "./node.ts";

/**
 * The path from the root to where a key is or would be. `siblings` holds, from the root down,
 * the hash beside the path at each depth, null where that side is empty; `leaf` is the other
 * key's leaf that sits where the key would be (absence), or null (presence, or an empty slot).
 */
export interface StateTreeProof {
  readonly siblings: readonly (Uint8Array | null)[];
  readonly leaf: { readonly keyHash: Uint8Array; readonly valueHash: Uint8Array } | null;
}

/** Bounds a proof to the tree's height: a path has at most 256 levels below the root. */
const depthMax = 8 * stateTreeHashBytes;

/** The proof for `key` in the tree whose root is `root`, read from `reader`. */
export function proveStateTree(hash: HashFunction, reader: StateTreeNodeReader, root: StateTreeRoot, key: Uint8Array): StateTreeProof {
  const keyHash = stateKeyHash(hash, key);
  const siblings: (Uint8Array | null)[] = [];
  const path = new Uint8Array(stateTreeHashBytes);
  let child: StateTreeChild | null = root;
  for (let depth = 0; child !== null; depth++) {
    const bytes = reader.readNode(encodeNodeKey(child.version, depth, path));
    if (bytes === undefined) throw new StateTreeError({ code: "STATE_TREE_NODE_MISSING", version: child.version, depth }, `the state tree node of version ${child.version} at depth ${depth} is missing`);
    const node = decodeNode(bytes);
    if (node.kind === "leaf") return { siblings, leaf: bytesEqual(node.keyHash, keyHash) ? null : { keyHash: node.keyHash, valueHash: node.valueHash } };
    const bit = keyBit(keyHash, depth);
    siblings.push((bit === 1 ? node.left : node.right)?.hash ?? null);
    if (bit === 1) path[depth >> 3]! |= 0x80 >> (depth & 7);
    child = bit === 1 ? node.right : node.left;
  }
  return { siblings, leaf: null };
}

/**
 * Canonical CBOR: [depth, bitmap, [non-empty siblings, root side first], leaf or null], where
 * bitmap has ceil(depth / 8) bytes and bit i (most significant first) is set when the sibling at
 * depth i is not empty; the bits past depth are zero. leaf = [keyHash, valueHash].
 */
export function encodeStateTreeProof(proof: StateTreeProof): Uint8Array {
  const depth = proof.siblings.length;
  const bitmap = new Uint8Array((depth + 7) >> 3);
  const present: Uint8Array[] = [];
  proof.siblings.forEach((sibling, index) => {
    if (sibling === null) return;
    bitmap[index >> 3]! |= 0x80 >> (index & 7);
    present.push(sibling);
  });
  return encodeCanonical([depth, bitmap, present, proof.leaf === null ? null : [proof.leaf.keyHash, proof.leaf.valueHash]] as CborValue);
}

function malformed(reason: string): never {
  throw new StateProofError({ code: "STATE_PROOF_MALFORMED", reason }, `the state proof is malformed: ${reason}`);
}

function isHash(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array && value.length === stateTreeHashBytes;
}

/** Decodes a proof, refusing anything but the one canonical encoding of a well-formed path. */
export function decodeStateTreeProof(bytes: Uint8Array): StateTreeProof {
  let decoded: CborValue;
  try {
    decoded = decodeCanonical(bytes, 64 * 1024);
  } catch (error) {
    return malformed(error instanceof Error ? error.message : "not canonical CBOR");
  }
  if (!Array.isArray(decoded) || decoded.length !== 4) return malformed("not an array of four");
  const [depth, bitmap, present, leaf] = decoded as unknown[];
  if (typeof depth !== "number" || !Number.isInteger(depth) || depth < 0 || depth > depthMax) return malformed("depth out of range");
  if (!(bitmap instanceof Uint8Array) || bitmap.length !== (depth + 7) >> 3) return malformed("bitmap length does not match the depth");
  if (depth & 7 && ((bitmap[bitmap.length - 1] as number) & (0xff >> (depth & 7))) !== 0) return malformed("bitmap bits past the depth are set");
  if (!Array.isArray(present) || !present.every(isHash)) return malformed("siblings are not 32-byte hashes");
  const siblings: (Uint8Array | null)[] = [];
  let next = 0;
  for (let index = 0; index < depth; index++) {
    if (keyBit(bitmap, index) === 0) {
      siblings.push(null);
      continue;
    }
    const sibling = present[next++] as Uint8Array | undefined;
    if (sibling === undefined) return malformed("fewer siblings than the bitmap marks");
    if (bytesEqual(sibling, stateTreeEmptyHash)) return malformed("an empty sibling is not elided");
    siblings.push(sibling);
  }
  if (next !== present.length) return malformed("more siblings than the bitmap marks");
  if (leaf === null) return { siblings, leaf: null };
  if (!Array.isArray(leaf) || leaf.length !== 2 || !isHash(leaf[0]) || !isHash(leaf[1])) return malformed("leaf is not [keyHash, valueHash]");
  return { siblings, leaf: { keyHash: leaf[0], valueHash: leaf[1] } };
}

/**
 * Checks that under `root` the key holds `value` (bytes), or is absent (null), as `proof` (its
 * canonical bytes) shows; throws StateProofError with the reason otherwise.
 */
export function verifyStateTreeProof(hash: HashFunction, root: Uint8Array, key: Uint8Array, value: Uint8Array | null, proofBytes: Uint8Array): void {
  const proof = decodeStateTreeProof(proofBytes);
  const keyHash = stateKeyHash(hash, key);
  const depth = proof.siblings.length;
  let current: Uint8Array;
  if (value !== null) {
    if (proof.leaf !== null) throw new StateProofError({ code: "STATE_PROOF_LEAF_MISPLACED", reason: "a proof of presence carries another key's leaf" }, "the proof shows another key where this one should be");
    current = stateLeafHash(hash, keyHash, hash(value));
  } else if (proof.leaf !== null) {
    if (bytesEqual(proof.leaf.keyHash, keyHash)) throw new StateProofError({ code: "STATE_PROOF_LEAF_MISPLACED", reason: "the leaf is the key's own" }, "the proof shows the key present, not absent");
    if (!sharesPrefix(proof.leaf.keyHash, keyHash, depth)) throw new StateProofError({ code: "STATE_PROOF_LEAF_MISPLACED", reason: "the leaf is not on the key's path" }, "the proof's leaf is not where the key would be");
    current = stateLeafHash(hash, proof.leaf.keyHash, proof.leaf.valueHash);
  } else {
    current = stateTreeEmptyHash;
  }
  for (let index = depth - 1; index >= 0; index--) {
    const sibling = proof.siblings[index] ?? stateTreeEmptyHash;
    current = keyBit(keyHash, index) === 1 ? stateInternalHash(hash, sibling, current) : stateInternalHash(hash, current, sibling);
  }
  if (!bytesEqual(current, root)) throw new StateProofError({ code: "STATE_PROOF_ROOT_MISMATCH" }, "the proof does not lead to the state root");
}
