import { bytesEqual, concatBytes } from "./bytes.ts";

/**
 * RFC 6962 / RFC 9162 §2.1 Merkle tree: leaf = H(0x00 ‖ data), node = H(0x01 ‖ left ‖ right),
 * an empty tree hashes to H(""). The tree is left-balanced, so no leaf is ever duplicated
 * (the CVE-2012-2459 mutation of Bitcoin's tree cannot happen).
 */
export type HashFunction = (data: Uint8Array) => Uint8Array;

const leafPrefix = 0;
const nodePrefix = 1;
/** Hash inputs up to this size are assembled in one reused buffer instead of a new one each. */
const scratchBytesMax = 64 * 1024;
let scratch = new Uint8Array(1024);

/**
 * prefix ‖ first ‖ second, for hashing at once. Blocks hash thousands of these per height, and a
 * fresh array above 64 bytes costs V8 an off-heap allocation and a later sweep; a view into one
 * reused buffer costs neither. Hash functions read their input and keep nothing of it.
 */
function prefixed(prefix: number, first: Uint8Array, second?: Uint8Array): Uint8Array {
  const length = 1 + first.length + (second?.length ?? 0);
  if (length > scratchBytesMax) return second ? concatBytes(new Uint8Array([prefix]), first, second) : concatBytes(new Uint8Array([prefix]), first);
  if (length > scratch.length) scratch = new Uint8Array(Math.min(scratchBytesMax, 2 ** Math.ceil(Math.log2(length))));
  scratch[0] = prefix;
  scratch.set(first, 1);
  if (second) scratch.set(second, 1 + first.length);
  return scratch.subarray(0, length);
}

export function merkleLeafHash(hash: HashFunction, data: Uint8Array): Uint8Array {
  return hash(prefixed(leafPrefix, data));
}

export function merkleNodeHash(hash: HashFunction, left: Uint8Array, right: Uint8Array): Uint8Array {
  return hash(prefixed(nodePrefix, left, right));
}

/**
 * Every level of the tree, leaves first. Pairing neighbours left to right and carrying a lone
 * last node up unchanged gives exactly RFC 6962's split at the largest power of two below n.
 */
export function merkleLevels(hash: HashFunction, leafHashes: readonly Uint8Array[]): Uint8Array[][] {
  const levels: Uint8Array[][] = [leafHashes.slice()];
  let current = levels[0] as Uint8Array[];
  while (current.length > 1) {
    const next: Uint8Array[] = [];
    for (let index = 0; index + 1 < current.length; index += 2) {
      next.push(merkleNodeHash(hash, current[index] as Uint8Array, current[index + 1] as Uint8Array));
    }
    if (current.length % 2 === 1) next.push(current[current.length - 1] as Uint8Array);
    levels.push(next);
    current = next;
  }
  return levels;
}

export function merkleRootFromLeafHashes(hash: HashFunction, leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) return hash(new Uint8Array(0));
  const levels = merkleLevels(hash, leafHashes);
  return (levels[levels.length - 1] as Uint8Array[])[0] as Uint8Array;
}

export function merkleRoot(hash: HashFunction, leaves: readonly Uint8Array[]): Uint8Array {
  return merkleRootFromLeafHashes(hash, leaves.map((leaf) => merkleLeafHash(hash, leaf)));
}

/** The audit path of RFC 9162 §2.1.3.1 for the leaf at `index`, nearest sibling first. */
export function merkleInclusionPathFromLevels(levels: readonly (readonly Uint8Array[])[], index: number): Uint8Array[] {
  const leafCount = levels[0]?.length ?? 0;
  if (!Number.isSafeInteger(index) || index < 0 || index >= leafCount) {
    throw new RangeError(`leaf index ${index} is outside a tree of ${leafCount} leaves`);
  }
  const path: Uint8Array[] = [];
  let position = index;
  for (let depth = 0; depth < levels.length - 1; depth++) {
    const level = levels[depth] as readonly Uint8Array[];
    const sibling = position ^ 1;
    if (sibling < level.length) path.push(level[sibling] as Uint8Array);
    position >>= 1;
  }
  return path;
}

export function merkleInclusionPath(hash: HashFunction, leaves: readonly Uint8Array[], index: number): Uint8Array[] {
  return merkleInclusionPathFromLevels(
    merkleLevels(
      hash,
      leaves.map((leaf) => merkleLeafHash(hash, leaf)),
    ),
    index,
  );
}

/** RFC 9162 §2.1.3.2: verifies that `leafHash` is the leaf at `index` of a tree of `treeSize` leaves with `root`. */
export function verifyMerkleInclusion(
  hash: HashFunction,
  leafHash: Uint8Array,
  index: number,
  treeSize: number,
  path: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0 || index >= treeSize) return false;
  let fn = index;
  let sn = treeSize - 1;
  let result = leafHash;
  for (const sibling of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      result = merkleNodeHash(hash, sibling, result);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      result = merkleNodeHash(hash, result, sibling);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && bytesEqual(result, root);
}
