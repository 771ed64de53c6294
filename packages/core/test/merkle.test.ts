import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { concatBytes, toHex, utf8 } from "../src/bytes.ts";
import { merkleInclusionPath, merkleLeafHash, merkleRoot, verifyMerkleInclusion } from "../src/merkle.ts";

const sha256 = (data: Uint8Array): Uint8Array => new Uint8Array(createHash("sha256").update(data).digest());

// The RFC 6962 §2.1 definitions, written recursively and independently of the implementation.
function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
function referenceRoot(leaves: Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return sha256(new Uint8Array(0));
  if (leaves.length === 1) return sha256(concatBytes(new Uint8Array([0]), leaves[0]!));
  const k = largestPowerOfTwoBelow(leaves.length);
  return sha256(concatBytes(new Uint8Array([1]), referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k))));
}
function referencePath(index: number, leaves: Uint8Array[]): Uint8Array[] {
  if (leaves.length <= 1) return [];
  const k = largestPowerOfTwoBelow(leaves.length);
  return index < k
    ? [...referencePath(index, leaves.slice(0, k)), referenceRoot(leaves.slice(k))]
    : [...referencePath(index - k, leaves.slice(k)), referenceRoot(leaves.slice(0, k))];
}

const leavesOf = (count: number): Uint8Array[] => Array.from({ length: count }, (_, index) => utf8(`leaf ${index}`));

test("vector: empty tree is the hash of the empty string", () => {
  assert.equal(toHex(merkleRoot(sha256, [])), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
});

test("vector: RFC 6962 test tree of 8 leaves", () => {
  // The leaves and root used by the Certificate Transparency reference tests.
  const hexLeaves = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];
  const leaves = hexLeaves.map((hex) => Uint8Array.from(Buffer.from(hex, "hex")));
  assert.equal(toHex(merkleRoot(sha256, leaves)), "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
  assert.equal(toHex(merkleRoot(sha256, leaves.slice(0, 1))), "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
});

test("behavior: roots and paths equal RFC 6962's recursive definition for 0 to 70 leaves", () => {
  for (let count = 0; count <= 70; count++) {
    const leaves = leavesOf(count);
    const root = merkleRoot(sha256, leaves);
    assert.deepEqual(root, referenceRoot(leaves), `root of ${count}`);
    for (let index = 0; index < count; index++) {
      const path = merkleInclusionPath(sha256, leaves, index);
      assert.deepEqual(path, referencePath(index, leaves), `path ${index} of ${count}`);
      assert.ok(verifyMerkleInclusion(sha256, merkleLeafHash(sha256, leaves[index]!), index, count, path, root), `verify ${index} of ${count}`);
    }
  }
});

test("behavior: a duplicated last leaf changes the root (no CVE-2012-2459 mutation)", () => {
  const leaves = leavesOf(3);
  assert.notDeepEqual(merkleRoot(sha256, leaves), merkleRoot(sha256, [...leaves, leaves[2]!]));
});

test("error: inclusion fails for a wrong leaf, index, size, path or root", () => {
  const leaves = leavesOf(11);
  const root = merkleRoot(sha256, leaves);
  const path = merkleInclusionPath(sha256, leaves, 6);
  const leaf = merkleLeafHash(sha256, leaves[6]!);
  assert.ok(verifyMerkleInclusion(sha256, leaf, 6, 11, path, root));
  assert.ok(!verifyMerkleInclusion(sha256, merkleLeafHash(sha256, leaves[5]!), 6, 11, path, root));
  assert.ok(!verifyMerkleInclusion(sha256, leaf, 7, 11, path, root));
  assert.ok(!verifyMerkleInclusion(sha256, leaf, 6, 7, path, root));
  assert.ok(!verifyMerkleInclusion(sha256, leaf, 6, 11, path.slice(1), root));
  assert.ok(!verifyMerkleInclusion(sha256, leaf, 6, 11, [...path, root], root));
  assert.ok(!verifyMerkleInclusion(sha256, leaf, 11, 11, path, root));
  assert.ok(!verifyMerkleInclusion(sha256, leaf, -1, 11, path, root));
  const tampered = path.map((node) => node.slice());
  tampered[1]![0]! ^= 1;
  assert.ok(!verifyMerkleInclusion(sha256, leaf, 6, 11, tampered, root));
  // A leaf hash must not pass as an interior node: the 0x00/0x01 prefixes keep them apart.
  assert.ok(!verifyMerkleInclusion(sha256, path[0]!, 7, 11, path.slice(1), root));
});

test("error: path for an index outside the tree", () => {
  assert.throws(() => merkleInclusionPath(sha256, leavesOf(3), 3), /outside a tree of 3 leaves/);
});
