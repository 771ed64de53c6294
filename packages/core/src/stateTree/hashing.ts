import { concatBytes } from "../bytes.ts";
import { type HashFunction, merkleLeafHash, merkleNodeHash } from "../merkle.ts";

/** Every hash in the tree is this long; both suites' hashes (SHA-256, SM3) are. */
export const stateTreeHashBytes = 32;

/** The hash of an empty subtree: 32 zero bytes, which no leaf or internal hash can be short of a preimage attack. */
export const stateTreeEmptyHash: Uint8Array = new Uint8Array(stateTreeHashBytes);

/** A key's place in the tree: the hash of its UTF-8 bytes, read as 256 bits from the most significant. */
export function stateKeyHash(hash: HashFunction, key: Uint8Array): Uint8Array {
  return hash(key);
}

/** leaf = H(0x00 ‖ keyHash ‖ H(value)), the RFC 6962 leaf prefix. */
export function stateLeafHash(hash: HashFunction, keyHash: Uint8Array, valueHash: Uint8Array): Uint8Array {
  return merkleLeafHash(hash, concatBytes(keyHash, valueHash));
}

/** internal = H(0x01 ‖ left ‖ right), the RFC 6962 node prefix; an empty side is stateTreeEmptyHash. */
export function stateInternalHash(hash: HashFunction, left: Uint8Array, right: Uint8Array): Uint8Array {
  return merkleNodeHash(hash, left, right);
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
