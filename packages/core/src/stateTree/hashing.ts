import type { HashFunction } from "../merkle.ts";

/** Every hash in the tree is this long; both suites' hashes (SHA-256, SM3) are. */
export const stateTreeHashBytes = 32;

/** The hash of an empty subtree: 32 zero bytes, which no leaf or internal hash can be short of a preimage attack. */
export const stateTreeEmptyHash: Uint8Array = new Uint8Array(stateTreeHashBytes);

/** A key's place in the tree: the hash of its UTF-8 bytes, read as 256 bits from the most significant. */
export function stateKeyHash(hash: HashFunction, key: Uint8Array): Uint8Array {
  return hash(key);
}

const leafPrefix = 0x00;
const internalPrefix = 0x01;
/** One reused input buffer: a block hashes tens of thousands of nodes, and hash functions keep nothing of their input. */
const scratch = new Uint8Array(1 + 2 * stateTreeHashBytes);

function prefixedHash(hash: HashFunction, prefix: number, first: Uint8Array, second: Uint8Array): Uint8Array {
  scratch[0] = prefix;
  scratch.set(first, 1);
  scratch.set(second, 1 + stateTreeHashBytes);
  return hash(scratch);
}

/** leaf = H(0x00 ‖ keyHash ‖ H(value)), the RFC 6962 leaf prefix. */
export function stateLeafHash(hash: HashFunction, keyHash: Uint8Array, valueHash: Uint8Array): Uint8Array {
  return prefixedHash(hash, leafPrefix, keyHash, valueHash);
}

/** internal = H(0x01 ‖ left ‖ right), the RFC 6962 node prefix; an empty side is stateTreeEmptyHash. */
export function stateInternalHash(hash: HashFunction, left: Uint8Array, right: Uint8Array): Uint8Array {
  return prefixedHash(hash, internalPrefix, left, right);
}

/** Bit `depth` of a key hash: 0 goes left, 1 right. */
export function keyBit(keyHash: Uint8Array, depth: number): number {
  return ((keyHash[depth >> 3] as number) >> (7 - (depth & 7))) & 1;
}

/** Whether two key hashes agree on their first `depth` bits. */
export function sharesPrefix(a: Uint8Array, b: Uint8Array, depth: number): boolean {
  const whole = depth >> 3;
  for (let index = 0; index < whole; index++) if (a[index] !== b[index]) return false;
  const rest = depth & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (((a[whole] as number) ^ (b[whole] as number)) & mask) === 0;
}
