import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { compareBytes, fromHex, toHex, utf8 } from "../src/bytes.ts";
import { type CryptoSuite, gmSuite, intlSuite } from "../src/crypto/index.ts";
import { gmSuitePortable, intlSuitePortable } from "../src/crypto/portable.ts";
import { StateProofError, keyBit, stateInternalHash, stateKeyHash, stateLeafHash, stateTreeEmptyHash, verifyStateTreeProof } from "../src/stateTree/index.ts";
import { MemoryTreeNodes, type StateTreeVectors, buildStateTreeVectors } from "./stateTreeFixture.ts";

const spec = readFileSync(new URL("../SPEC.md", import.meta.url), "utf8");
const block = /```json state-tree-vectors\n([\s\S]*?)```/.exec(spec);
const published = JSON.parse(block?.[1] ?? "null") as { intl: StateTreeVectors; gm: StateTreeVectors };

/** The root computed straight from the definition in SPEC.md §6, without the node store. */
function referenceRoot(suite: CryptoSuite, entries: Map<string, string>): Uint8Array {
  const leaves = [...entries].map(([key, value]) => ({ keyHash: stateKeyHash(suite.hash, utf8(key)), valueHash: suite.hash(utf8(value)) }));
  const subtree = (depth: number, part: typeof leaves): Uint8Array => {
    if (part.length === 0) return stateTreeEmptyHash;
    if (part.length === 1) return stateLeafHash(suite.hash, part[0]!.keyHash, part[0]!.valueHash);
    return stateInternalHash(suite.hash, subtree(depth + 1, part.filter((leaf) => keyBit(leaf.keyHash, depth) === 0)), subtree(depth + 1, part.filter((leaf) => keyBit(leaf.keyHash, depth) === 1)));
  };
  return subtree(0, leaves);
}

/** A seeded generator, so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function failsWith(run: () => void): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof StateProofError, String(error));
    return error.code;
  }
  assert.fail("verification passed");
}

for (const [name, suite, portable] of [["intl", intlSuite, intlSuitePortable], ["gm", gmSuite, gmSuitePortable]] as const) {
  describe(`state tree (${name})`, () => {
    const vectors = published[name];

    test("vector: SPEC.md §6 roots and proofs are what the tree produces", () => {
      assert.deepEqual(buildStateTreeVectors(suite), vectors);
      assert.deepEqual(buildStateTreeVectors(portable), vectors);
    });

    test("vector: SPEC.md §6 proofs verify against the last root", () => {
      const root = fromHex(vectors.roots.at(-1)!);
      verifyStateTreeProof(suite.hash, root, utf8(vectors.presence.key), utf8(vectors.presence.value), fromHex(vectors.presence.proof));
      verifyStateTreeProof(suite.hash, root, utf8(vectors.absence.key), null, fromHex(vectors.absence.proof));
    });

    test("behavior: batch updates over versions give the root of the definition, and every key proves", () => {
      const next = random(name === "intl" ? 19 : 91);
      const tree = new MemoryTreeNodes();
      const state = new Map<string, string>();
      for (let version = 0; version < 12; version++) {
        const writes: Record<string, string | null> = {};
        const count = Math.floor(next() * 40);
        for (let index = 0; index < count; index++) {
          const key = `m/${Math.floor(next() * 60)}`;
          writes[key] = next() < 0.3 ? null : `v${Math.floor(next() * 1000)}`;
        }
        const batch = tree.apply(suite, writes);
        for (const [key, value] of Object.entries(writes)) {
          if (value === null) state.delete(key);
          else state.set(key, value);
        }
        assert.equal(toHex(batch.rootHash), toHex(referenceRoot(suite, state)), `root of version ${version}`);
        for (let key = 0; key < 60; key++) {
          const name = `m/${key}`;
          const value = state.get(name);
          verifyStateTreeProof(suite.hash, batch.rootHash, utf8(name), value === undefined ? null : utf8(value), fromHex(tree.proof(suite, name)));
          if (value !== undefined) assert.equal(failsWith(() => verifyStateTreeProof(suite.hash, batch.rootHash, utf8(name), null, fromHex(tree.proof(suite, name)))), "STATE_PROOF_ROOT_MISMATCH");
        }
      }
    });

    test("behavior: the order of a batch's writes does not change the root", () => {
      const entries = Object.entries({ a: "1", b: "2", c: "3", d: "4", e: "5" });
      const forward = new MemoryTreeNodes().apply(suite, Object.fromEntries(entries)).rootHash;
      const backward = new MemoryTreeNodes().apply(suite, Object.fromEntries(entries.reverse())).rootHash;
      assert.equal(compareBytes(forward, backward), 0);
    });

    test("error: every single-byte change of a proof, the value, the key or the root fails", () => {
      const root = fromHex(vectors.roots.at(-1)!);
      const cases = [
        { key: utf8(vectors.presence.key), value: utf8(vectors.presence.value) as Uint8Array | null, proof: fromHex(vectors.presence.proof) },
        { key: utf8(vectors.absence.key), value: null, proof: fromHex(vectors.absence.proof) },
      ];
      for (const { key, value, proof } of cases) {
        const mutations: [string, () => void][] = [];
        for (let index = 0; index < proof.length; index++) {
          for (const delta of [1, 0x80]) {
            const changed = proof.slice();
            changed[index]! ^= delta;
            mutations.push([`proof byte ${index} ^ ${delta}`, () => verifyStateTreeProof(suite.hash, root, key, value, changed)]);
          }
        }
        for (let index = 0; index < root.length; index++) {
          const changed = root.slice();
          changed[index]! ^= 1;
          mutations.push([`root byte ${index}`, () => verifyStateTreeProof(suite.hash, changed, key, value, proof)]);
        }
        if (value !== null) {
          // An absence proof holds for every key whose path leads to the same empty slot or
          // foreign leaf, so only a presence proof binds the key's bytes.
          for (let index = 0; index < key.length; index++) {
            const changed = key.slice();
            changed[index]! ^= 1;
            mutations.push([`key byte ${index}`, () => verifyStateTreeProof(suite.hash, root, changed, value, proof)]);
          }
          for (let index = 0; index < value.length; index++) {
            const changed = value.slice();
            changed[index]! ^= 1;
            mutations.push([`value byte ${index}`, () => verifyStateTreeProof(suite.hash, root, key, changed, proof)]);
          }
          mutations.push(["value claimed absent", () => verifyStateTreeProof(suite.hash, root, key, null, proof)]);
        } else {
          mutations.push(["absent key claimed present", () => verifyStateTreeProof(suite.hash, root, key, utf8("7"), proof)]);
        }
        for (const [label, run] of mutations) assert.ok(failsWith(run).startsWith("STATE_PROOF_"), label);
      }
    });

    test("error: a truncated or reordered path is refused", () => {
      const tree = new MemoryTreeNodes();
      const writes: Record<string, string> = {};
      for (let index = 0; index < 64; index++) writes[`k/${index}`] = `${index}`;
      const batch = tree.apply(suite, writes);
      const proof = fromHex(tree.proof(suite, "k/5"));
      const truncated = proof.subarray(0, proof.length - 33);
      assert.equal(failsWith(() => verifyStateTreeProof(suite.hash, batch.rootHash, utf8("k/5"), utf8("5"), truncated)), "STATE_PROOF_MALFORMED");
      // Swapping the first two siblings keeps the shape and breaks the hash chain.
      const hex = toHex(proof);
      const first = hex.indexOf("5820") + 4;
      const second = hex.indexOf("5820", first + 64) + 4;
      const reordered = hex.slice(0, first) + hex.slice(second, second + 64) + hex.slice(first + 64, second) + hex.slice(first, first + 64) + hex.slice(second + 64);
      assert.equal(failsWith(() => verifyStateTreeProof(suite.hash, batch.rootHash, utf8("k/5"), utf8("5"), fromHex(reordered))), "STATE_PROOF_ROOT_MISMATCH");
    });
  });
}
