import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { test } from "node:test";
import { type CryptoSuite, gmSuite, intlSuite } from "../../src/crypto/index.ts";
import { gmSuitePortable, intlSuitePortable } from "../../src/crypto/portable.ts";
import { browserSm2VerifyCacheOptions, nodeSm2VerifyCacheOptions } from "../../src/crypto/limits.ts";

/** Every operation done on one backend is checked on the other: the Node backend against the browser one. */
const pairs: [string, CryptoSuite, CryptoSuite][] = [
  ["intl", intlSuite, intlSuitePortable],
  ["gm", gmSuite, gmSuitePortable],
];

const lengths = [0, 1, 15, 16, 17, 31, 32, 33, 55, 56, 63, 64, 65, 127, 128, 250, 1000, 4096, 70_000];

test("default: the node suites use the node backend and the portable ones are distinct objects", () => {
  assert.notEqual(intlSuite, intlSuitePortable);
  assert.notEqual(gmSuite, gmSuitePortable);
});

for (const [id, nodeSuite, portableSuite] of pairs) {
  test(`cross-check ${id}: hashes are equal on both backends`, () => {
    for (const length of lengths) {
      const data = nodeSuite.randomBytes(length);
      assert.deepEqual(nodeSuite.hash(data), portableSuite.hash(data), `length ${length}`);
    }
  });

  test(`cross-check ${id}: a hash fed in pieces equals the hash of the whole, wherever a backend offers it`, () => {
    const whole = nodeSuite.randomBytes(200_000);
    const cuts = [0, 1, 63, 64, 65, 4096, 100_000, 199_999, 200_000];
    for (const suite of [nodeSuite, portableSuite]) {
      if (suite.createHash === undefined) continue;
      const hasher = suite.createHash();
      for (let index = 1; index < cuts.length; index++) hasher.update(whole.subarray(cuts[index - 1], cuts[index]));
      const digest = hasher.digest();
      assert.equal(digest.constructor, Uint8Array);
      assert.deepEqual(digest, nodeSuite.hash(whole));
      assert.deepEqual(suite.createHash().digest(), nodeSuite.hash(new Uint8Array(0)), "nothing fed");
    }
    assert.ok(nodeSuite.createHash, "Node hashes both suites in pieces");
    assert.equal(portableSuite.createHash === undefined, id === "gm", "the browser's SM3 hashes whole inputs only");
  });

  test(`cross-check ${id}: HMAC is equal on both backends and to OpenSSL's, for keys shorter and longer than a block`, () => {
    for (const keyLength of [0, 16, 32, 64, 65, 200]) {
      for (const length of [0, 1, 32, 64, 1000]) {
        const key = nodeSuite.randomBytes(keyLength);
        const data = nodeSuite.randomBytes(length);
        const openssl = new Uint8Array(createHmac(nodeSuite.hashName, key).update(data).digest());
        assert.deepEqual(nodeSuite.hmac(key, data), openssl, `key ${keyLength}, data ${length}`);
        assert.deepEqual(portableSuite.hmac(key, data), openssl, `key ${keyLength}, data ${length}`);
      }
    }
  });

  test(`cross-check ${id}: public keys are equal on both backends`, () => {
    for (let round = 0; round < 10; round++) {
      const privateKey = round % 2 === 0 ? nodeSuite.generatePrivateKey() : portableSuite.generatePrivateKey();
      assert.deepEqual(nodeSuite.publicKeyOf(privateKey), portableSuite.publicKeyOf(privateKey));
    }
  });

  test(`cross-check ${id}: signed on one backend, verified on the other`, () => {
    for (const length of lengths) {
      const privateKey = nodeSuite.generatePrivateKey();
      const publicKey = nodeSuite.publicKeyOf(privateKey);
      const message = nodeSuite.randomBytes(length);
      const fromNode = nodeSuite.sign(privateKey, message);
      const fromPortable = portableSuite.sign(privateKey, message);
      assert.equal(fromNode.length, nodeSuite.signatureBytes);
      assert.equal(portableSuite.verify(publicKey, message, fromNode), true, `node → portable, length ${length}`);
      assert.equal(nodeSuite.verify(publicKey, message, fromPortable), true, `portable → node, length ${length}`);
    }
  });

  test(`cross-check ${id}: sealed on one backend, opened on the other`, () => {
    for (const length of lengths) {
      const key = nodeSuite.randomBytes(nodeSuite.sealKeyBytes);
      const plaintext = nodeSuite.randomBytes(length);
      const associatedData = nodeSuite.randomBytes(length % 40);
      const fromNode = nodeSuite.seal(key, plaintext, associatedData);
      const fromPortable = portableSuite.seal(key, plaintext, associatedData);
      assert.equal(fromNode.length, 12 + length + 16);
      assert.deepEqual(portableSuite.open(key, fromNode, associatedData), plaintext, `node → portable, length ${length}`);
      assert.deepEqual(nodeSuite.open(key, fromPortable, associatedData), plaintext, `portable → node, length ${length}`);
    }
  });

  test(`behavior ${id}: a key verifying many signatures keeps verifying them correctly`, () => {
    // For gm this crosses from the plain path to the tabled one, and past the first rebuild threshold.
    const uses = Math.max(nodeSm2VerifyCacheOptions.usesBeforeTable, browserSm2VerifyCacheOptions.usesBeforeTable) * 3;
    const privateKey = nodeSuite.generatePrivateKey();
    const publicKey = nodeSuite.publicKeyOf(privateKey);
    for (let round = 0; round < uses; round++) {
      const message = nodeSuite.randomBytes(64);
      const signature = portableSuite.sign(privateKey, message);
      assert.equal(nodeSuite.verify(publicKey, message, signature), true, `round ${round}`);
      assert.equal(portableSuite.verify(publicKey, message, signature), true, `round ${round}`);
      const tampered = signature.slice();
      tampered[round % tampered.length] = (tampered[round % tampered.length] as number) ^ 1;
      assert.equal(nodeSuite.verify(publicKey, message, tampered), false, `round ${round}`);
      assert.equal(portableSuite.verify(publicKey, message, tampered), false, `round ${round}`);
    }
  });
}

test("default: HMAC-SHA-256 gives RFC 4231's test case 2 on both backends", () => {
  const key = new TextEncoder().encode("Jefe");
  const data = new TextEncoder().encode("what do ya want for nothing?");
  for (const suite of [intlSuite, intlSuitePortable]) {
    assert.equal(Buffer.from(suite.hmac(key, data)).toString("hex"), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }
});

test("behavior intl: a signature under a small-order public key, valid for every message, is refused on both backends", () => {
  // The identity point as public key and (R = identity, S = 0) satisfy [S]B = R + [k]A for any message k.
  const identity = new Uint8Array(32);
  identity[0] = 1;
  const signature = new Uint8Array(64);
  signature.set(identity, 0);
  for (const message of [new Uint8Array(0), new TextEncoder().encode("transfer everything")]) {
    assert.equal(intlSuite.verify(identity, message, signature), false, "node backend");
    assert.equal(intlSuitePortable.verify(identity, message, signature), false, "portable backend");
  }
});
