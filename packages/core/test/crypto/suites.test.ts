import assert from "node:assert/strict";
import { test } from "node:test";
import { numberToBytesBE } from "@noble/curves/abstract/utils.js";
import { concatBytes, utf8 } from "../../src/bytes.ts";
import { getSuite, gmSuite, intlSuite, suiteIds, type CryptoSuite } from "../../src/crypto/index.ts";
import { gmSuitePortable, intlSuitePortable } from "../../src/crypto/portable.ts";
import { sm2Curve } from "../../src/crypto/sm2-curve.ts";
import { CryptoError } from "../../src/errors.ts";

const allSuites: CryptoSuite[] = [intlSuite, intlSuitePortable, gmSuite, gmSuitePortable];

function suiteName(suite: CryptoSuite): string {
  return `${suite.id}${suite === intlSuitePortable || suite === gmSuitePortable ? " (portable)" : ""}`;
}

function throwsCryptoError(run: () => unknown, code: CryptoError["code"], message?: string): void {
  assert.throws(run, (error: unknown) => error instanceof CryptoError && error.code === code, message);
}

function flipped(bytes: Uint8Array, index: number): Uint8Array {
  const copy = bytes.slice();
  copy[index] = (copy[index] as number) ^ 0x01;
  return copy;
}

test("default: getSuite returns the suite for each id", () => {
  assert.deepEqual(suiteIds, ["intl", "gm"]);
  assert.equal(getSuite("intl"), intlSuite);
  assert.equal(getSuite("gm"), gmSuite);
});

test("error: getSuite of an unknown id throws CRYPTO_UNKNOWN_SUITE", () => {
  for (const id of ["rsa", "", "INTL", "__proto__"]) {
    assert.throws(
      () => getSuite(id),
      (error: unknown) => error instanceof CryptoError && error.type.code === "CRYPTO_UNKNOWN_SUITE" && error.type.suite === id,
    );
  }
});

test("default: suite constants match the algorithms", () => {
  for (const suite of [intlSuite, intlSuitePortable]) {
    assert.deepEqual([suite.id, suite.hashName, suite.publicKeyBytes, suite.signatureBytes, suite.sealKeyBytes], ["intl", "sha256", 32, 64, 32]);
  }
  for (const suite of [gmSuite, gmSuitePortable]) {
    assert.deepEqual([suite.id, suite.hashName, suite.publicKeyBytes, suite.signatureBytes, suite.sealKeyBytes], ["gm", "sm3", 65, 64, 16]);
  }
  for (const suite of allSuites) {
    const privateKey = suite.generatePrivateKey();
    assert.equal(suite.publicKeyOf(privateKey).length, suite.publicKeyBytes, suiteName(suite));
    assert.equal(suite.sign(privateKey, utf8("x")).length, suite.signatureBytes, suiteName(suite));
    assert.equal(suite.hash(utf8("x")).length, 32, suiteName(suite));
    assert.ok(Object.isFrozen(suite));
  }
});

for (const suite of allSuites) {
  const name = suiteName(suite);
  const privateKey = suite.generatePrivateKey();
  const publicKey = suite.publicKeyOf(privateKey);
  const message = utf8("transfer 10 points to bob");
  const signature = suite.sign(privateKey, message);

  test(`behavior ${name}: a tampered signature, message or public key returns false`, () => {
    assert.equal(suite.verify(publicKey, message, signature), true);
    for (const index of [0, 1, 31, 32, 33, 63]) assert.equal(suite.verify(publicKey, message, flipped(signature, index)), false, `signature byte ${index}`);
    assert.equal(suite.verify(publicKey, flipped(message, 0), signature), false, "message");
    assert.equal(suite.verify(publicKey, concatBytes(message, new Uint8Array([0])), signature), false, "message with a byte appended");
    assert.equal(suite.verify(publicKey, message.subarray(1), signature), false, "message with a byte removed");
    const otherPublicKey = suite.publicKeyOf(suite.generatePrivateKey());
    assert.equal(suite.verify(otherPublicKey, message, signature), false, "another key");
    for (const index of [1, publicKey.length - 1]) assert.equal(suite.verify(flipped(publicKey, index), message, signature), false, `public key byte ${index}`);
  });

  test(`behavior ${name}: malformed keys and signatures return false and never throw`, () => {
    const { n, p } = sm2Curve;
    const scalar = (value: bigint) => numberToBytesBE(value, 32);
    const signatures = [
      new Uint8Array(0),
      signature.subarray(0, 63),
      concatBytes(signature, new Uint8Array([0])),
      new Uint8Array(64),
      new Uint8Array(64).fill(0xff),
      concatBytes(scalar(0n), signature.subarray(32)),
      concatBytes(signature.subarray(0, 32), scalar(0n)),
      concatBytes(scalar(n), signature.subarray(32)),
      concatBytes(signature.subarray(0, 32), scalar(n)),
    ];
    for (const [index, bad] of signatures.entries()) assert.equal(suite.verify(publicKey, message, bad), false, `signature ${index}`);
    const publicKeys = [
      new Uint8Array(0),
      publicKey.subarray(1),
      concatBytes(publicKey, new Uint8Array([0])),
      new Uint8Array(suite.publicKeyBytes),
      new Uint8Array(suite.publicKeyBytes).fill(0xff),
      // SM2: the compressed-point prefixes, a point off the curve, and a coordinate not below p.
      concatBytes(new Uint8Array([0x02]), publicKey.subarray(1)),
      concatBytes(new Uint8Array([0x03]), publicKey.subarray(1)),
      flipped(publicKey, publicKey.length - 1),
      concatBytes(new Uint8Array([0x04]), scalar(p), publicKey.subarray(33)),
    ].filter((key) => suite.id === "gm" || key.length !== 65);
    for (const [index, bad] of publicKeys.entries()) assert.equal(suite.verify(bad, message, signature), false, `public key ${index}`);
    const notBytes = [undefined, null, "00", 42, {}, [1, 2, 3]] as unknown as Uint8Array[];
    for (const bad of notBytes) {
      assert.equal(suite.verify(bad, message, signature), false);
      assert.equal(suite.verify(publicKey, bad, signature), false);
      assert.equal(suite.verify(publicKey, message, bad), false);
    }
  });

  test(`error ${name}: an invalid private key throws CRYPTO_BAD_KEY`, () => {
    const badKeys = [new Uint8Array(31), new Uint8Array(33), new Uint8Array(0), "key" as unknown as Uint8Array];
    if (suite.id === "gm") {
      // SM2 needs 1 ≤ d ≤ n − 2.
      badKeys.push(new Uint8Array(32), numberToBytesBE(sm2Curve.n - 1n, 32), numberToBytesBE(sm2Curve.n, 32), new Uint8Array(32).fill(0xff));
    }
    for (const [index, bad] of badKeys.entries()) {
      throwsCryptoError(() => suite.publicKeyOf(bad), "CRYPTO_BAD_KEY", `publicKeyOf key ${index}`);
      throwsCryptoError(() => suite.sign(bad, message), "CRYPTO_BAD_KEY", `sign key ${index}`);
    }
    if (suite.id === "gm") {
      assert.equal(suite.publicKeyOf(numberToBytesBE(1n, 32)).length, 65);
      assert.equal(suite.publicKeyOf(numberToBytesBE(sm2Curve.n - 2n, 32)).length, 65);
    }
  });

  test(`behavior ${name}: generated private keys differ and sign verifiable messages`, () => {
    const keys = new Set<string>();
    for (let round = 0; round < 8; round++) {
      const key = suite.generatePrivateKey();
      keys.add(Buffer.from(key).toString("hex"));
      assert.equal(suite.verify(suite.publicKeyOf(key), message, suite.sign(key, message)), true);
    }
    assert.equal(keys.size, 8);
  });

  test(`behavior ${name}: a private key array rewritten in place signs with its new contents`, () => {
    // The node backend keeps per-array signing state; it must notice the change.
    const key = suite.generatePrivateKey();
    const before = suite.publicKeyOf(key);
    assert.equal(suite.verify(before, message, suite.sign(key, message)), true);
    key.set(suite.generatePrivateKey());
    const after = suite.publicKeyOf(key);
    const signature = suite.sign(key, message);
    assert.equal(suite.verify(after, message, signature), true);
    assert.equal(suite.verify(before, message, signature), false);
  });

  test(`behavior ${name}: open returns what seal sealed, with or without associated data`, () => {
    const key = suite.randomBytes(suite.sealKeyBytes);
    assert.deepEqual(suite.open(key, suite.seal(key, message)), message);
    assert.deepEqual(suite.open(key, suite.seal(key, message, utf8("context")), utf8("context")), message);
    assert.deepEqual(suite.open(key, suite.seal(key, new Uint8Array(0))), new Uint8Array(0));
    // A fresh random nonce each time: sealing the same plaintext twice differs.
    assert.notDeepEqual(suite.seal(key, message), suite.seal(key, message));
  });

  test(`error ${name}: open with a wrong key, wrong associated data or altered data throws CRYPTO_OPEN_FAILED`, () => {
    const key = suite.randomBytes(suite.sealKeyBytes);
    const associatedData = utf8("block 7");
    const sealed = suite.seal(key, message, associatedData);
    throwsCryptoError(() => suite.open(suite.randomBytes(suite.sealKeyBytes), sealed, associatedData), "CRYPTO_OPEN_FAILED", "wrong key");
    throwsCryptoError(() => suite.open(key, sealed, utf8("block 8")), "CRYPTO_OPEN_FAILED", "wrong associated data");
    throwsCryptoError(() => suite.open(key, sealed), "CRYPTO_OPEN_FAILED", "missing associated data");
    for (const index of [0, 11, 12, sealed.length - 17, sealed.length - 16, sealed.length - 1]) {
      throwsCryptoError(() => suite.open(key, flipped(sealed, index), associatedData), "CRYPTO_OPEN_FAILED", `byte ${index}`);
    }
    for (const length of [0, 12, 27, sealed.length - 1]) {
      throwsCryptoError(() => suite.open(key, sealed.subarray(0, length), associatedData), "CRYPTO_OPEN_FAILED", `truncated to ${length}`);
    }
    throwsCryptoError(() => suite.open(key, concatBytes(sealed, new Uint8Array([0])), associatedData), "CRYPTO_OPEN_FAILED", "extended");
  });

  test(`error ${name}: a seal key of the wrong length throws CRYPTO_BAD_KEY`, () => {
    for (const length of [0, 15, 17, 31, 33]) {
      if (length === suite.sealKeyBytes) continue;
      throwsCryptoError(() => suite.seal(new Uint8Array(length), message), "CRYPTO_BAD_KEY", `seal, ${length} bytes`);
      throwsCryptoError(() => suite.open(new Uint8Array(length), new Uint8Array(64)), "CRYPTO_BAD_KEY", `open, ${length} bytes`);
    }
  });

  test(`behavior ${name}: randomBytes returns the length asked for`, () => {
    for (const length of [0, 1, 12, 32, 65_536, 100_000]) assert.equal(suite.randomBytes(length).length, length);
    assert.notDeepEqual(suite.randomBytes(32), suite.randomBytes(32));
    assert.throws(() => suite.randomBytes(-1), RangeError);
    assert.throws(() => suite.randomBytes(1.5), RangeError);
  });
}
