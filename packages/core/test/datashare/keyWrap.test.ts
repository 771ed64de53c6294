import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, test } from "node:test";
import {
  decodeCanonical,
  datashareSubjectReference,
  encodeCanonical,
  encryptionKeyProblem,
  encryptionPublicKeyOf,
  generateEncryptionKeyPair,
  getSuite,
  keyReleaseBatchContext,
  keyReleaseContext,
  unwrapDataKey,
  unwrapDataKeys,
  utf8,
  wrapDataKey,
  wrapDataKeys,
} from "../../src/index.ts";
import { rejectionCode as codeOf } from "../rejectionCode.ts";
import { intlSuitePortable } from "../../src/crypto/portable.ts";

for (const suiteId of ["intl", "gm"] as const) {
  const suite = getSuite(suiteId);
  describe(`key wrapping on ${suiteId}`, () => {
    const context = utf8("access 1 / record a");

    test("default: a wrapped data key opens with the recipient's private key for the same context; every wrap differs", async () => {
      const recipient = generateEncryptionKeyPair(suite);
      const dataKey = suite.randomBytes(suite.sealKeyBytes);
      const first = await wrapDataKey(suite, recipient.publicKey, dataKey, context);
      const second = await wrapDataKey(suite, recipient.publicKey, dataKey, context);
      assert.notDeepEqual(first, second, "a fresh encapsulation each time");
      assert.deepEqual(await unwrapDataKey(suite, recipient.privateKey, first, context), dataKey);
      const map = decodeCanonical(first) as { format: string; scheme: string };
      assert.deepEqual([map.format, map.scheme], ["kexin-wrapped-key/1", suiteId === "gm" ? "sm2" : "hpke-x25519"]);
    });

    test("error: another private key, another context, a changed byte or another suite's scheme do not open (DATASHARE_WRAPPED_KEY_INVALID)", async () => {
      const recipient = generateEncryptionKeyPair(suite);
      const wrapped = await wrapDataKey(suite, recipient.publicKey, suite.randomBytes(suite.sealKeyBytes), context);
      assert.equal(await codeOf(unwrapDataKey(suite, generateEncryptionKeyPair(suite).privateKey, wrapped, context)), "DATASHARE_WRAPPED_KEY_INVALID");
      assert.equal(await codeOf(unwrapDataKey(suite, recipient.privateKey, wrapped, utf8("access 1 / record b"))), "DATASHARE_WRAPPED_KEY_INVALID");
      const map = decodeCanonical(wrapped) as { ciphertext: Uint8Array };
      const changed = map.ciphertext.slice();
      changed[changed.length - 1] = (changed[changed.length - 1] ?? 0) ^ 1;
      assert.equal(await codeOf(unwrapDataKey(suite, recipient.privateKey, encodeCanonical({ ...map, ciphertext: changed }), context)), "DATASHARE_WRAPPED_KEY_INVALID");
      const other = getSuite(suiteId === "gm" ? "intl" : "gm");
      assert.equal(await codeOf(unwrapDataKey(other, recipient.privateKey, wrapped, context)), "DATASHARE_WRAPPED_KEY_INVALID");
      assert.equal(await codeOf(unwrapDataKey(suite, recipient.privateKey, utf8("not cbor at all"), context)), "DATASHARE_WRAPPED_KEY_INVALID");
    });

    test("error: wrapping to a key that is not an encryption key of the suite (DATASHARE_ENCRYPTION_KEY_INVALID)", async () => {
      const bad = suiteId === "gm" ? new Uint8Array(65).fill(4) : new Uint8Array(32);
      assert.ok(encryptionKeyProblem(suite, bad) !== undefined);
      assert.equal(await codeOf(wrapDataKey(suite, bad, suite.randomBytes(suite.sealKeyBytes), context)), "DATASHARE_ENCRYPTION_KEY_INVALID");
    });

    test("default: the subject reference is HMAC of the labelled, upper-cased ID under the organisation's key (checked against node:crypto)", () => {
      const key = suite.randomBytes(32);
      const expected = createHmac(suite.hashName, key).update("kexin-datashare-subject/1\u0000110101199003071234X").digest("hex");
      assert.equal(datashareSubjectReference(suite, key, " 110101199003071234x "), expected);
      assert.notEqual(datashareSubjectReference(suite, suite.randomBytes(32), "110101199003071234X"), expected, "another organisation's key gives another reference");
      assert.throws(() => datashareSubjectReference(suite, suite.randomBytes(8), "110101199003071234X"), { code: "DATASHARE_RECORD_INVALID" });
      assert.throws(() => datashareSubjectReference(suite, key, "   "), { code: "DATASHARE_RECORD_INVALID" });
    });
  });
}

describe("HPKE on OpenSSL (Node) and on @hpke/core (browsers)", () => {
  const openssl = getSuite("intl");
  const context = keyReleaseContext("kexin-test", "ab".repeat(32), "cert-1");

  test("default: the Node suite runs OpenSSL's HPKE, the portable suite @hpke/core's", () => {
    assert.notEqual(openssl.hpkeX25519, intlSuitePortable.hpkeX25519);
    assert.equal(getSuite("gm").hpkeX25519, undefined);
  });

  test("behavior: RFC 9180 in both directions: what one wraps, the other opens, only for its key and context", async () => {
    for (const [wrapper, opener] of [
      [openssl, intlSuitePortable],
      [intlSuitePortable, openssl],
    ] as const) {
      for (let round = 0; round < 10; round += 1) {
        const recipient = generateEncryptionKeyPair(wrapper);
        assert.deepEqual(encryptionPublicKeyOf(opener, recipient.privateKey), recipient.publicKey, "both derive the same X25519 public key");
        const dataKey = wrapper.randomBytes(32);
        const wrapped = await wrapDataKey(wrapper, recipient.publicKey, dataKey, context);
        assert.deepEqual(await unwrapDataKey(opener, recipient.privateKey, wrapped, context), dataKey);
        assert.equal(await codeOf(unwrapDataKey(opener, recipient.privateKey, wrapped, keyReleaseContext("kexin-test", "ab".repeat(32), "cert-2"))), "DATASHARE_WRAPPED_KEY_INVALID");
        assert.equal(await codeOf(unwrapDataKey(opener, generateEncryptionKeyPair(opener).privateKey, wrapped, context)), "DATASHARE_WRAPPED_KEY_INVALID");
      }
    }
  });

  test("behavior: every wrap encapsulates afresh: the same key wrapped twice shares no enc and no ciphertext", async () => {
    const recipient = generateEncryptionKeyPair(openssl);
    const dataKey = openssl.randomBytes(32);
    const [first, second] = (await Promise.all([1, 2].map(() => wrapDataKey(openssl, recipient.publicKey, dataKey, context)))).map((bytes) => decodeCanonical(bytes) as { enc: Uint8Array; ciphertext: Uint8Array });
    assert.equal(first?.enc.length, 32);
    assert.equal(first?.ciphertext.length, 32 + 16, "the data key and the AES-GCM tag");
    assert.notDeepEqual(first?.enc, second?.enc);
    assert.notDeepEqual(first?.ciphertext, second?.ciphertext);
  });

  test("error: a low-order enc (the all-zero point) or a truncated ciphertext does not open on either backend", async () => {
    const recipient = generateEncryptionKeyPair(openssl);
    const wrapped = decodeCanonical(await wrapDataKey(openssl, recipient.publicKey, openssl.randomBytes(32), context)) as { format: string; scheme: string; enc: Uint8Array; ciphertext: Uint8Array };
    for (const suite of [openssl, intlSuitePortable]) {
      assert.equal(await codeOf(unwrapDataKey(suite, recipient.privateKey, encodeCanonical({ ...wrapped, enc: new Uint8Array(32) }), context)), "DATASHARE_WRAPPED_KEY_INVALID");
      assert.equal(await codeOf(unwrapDataKey(suite, recipient.privateKey, encodeCanonical({ ...wrapped, ciphertext: wrapped.ciphertext.subarray(0, 10) }), context)), "DATASHARE_WRAPPED_KEY_INVALID");
    }
  });
});

for (const suiteId of ["intl", "gm"] as const) {
  test(`behavior: many data keys wrapped in one message open in order, only as the count and context they were wrapped for (${suiteId})`, async () => {
    const suite = getSuite(suiteId);
    const recipient = generateEncryptionKeyPair(suite);
    const items = [1, 2, 3].map((index) => ({ access: `${index}`.repeat(64), record: `cert-${index}` }));
    const dataKeys = items.map(() => suite.randomBytes(suite.sealKeyBytes));
    const context = keyReleaseBatchContext("kexin-test", items);
    const wrapped = await wrapDataKeys(suite, recipient.publicKey, dataKeys, context);
    assert.deepEqual(await unwrapDataKeys(suite, recipient.privateKey, wrapped, context, 3), dataKeys);
    assert.equal(await codeOf(unwrapDataKeys(suite, recipient.privateKey, wrapped, context, 2)), "DATASHARE_WRAPPED_KEY_INVALID");
    const reordered = keyReleaseBatchContext("kexin-test", [items[1], items[0], items[2]] as typeof items);
    assert.equal(await codeOf(unwrapDataKeys(suite, recipient.privateKey, wrapped, reordered, 3)), "DATASHARE_WRAPPED_KEY_INVALID", "keys cannot be taken for one another's");
    assert.equal(await codeOf(wrapDataKeys(suite, recipient.publicKey, [], context)), "DATASHARE_WRAPPED_KEY_INVALID");
    assert.equal(await codeOf(wrapDataKeys(suite, recipient.publicKey, [suite.randomBytes(7)], context)), "DATASHARE_WRAPPED_KEY_INVALID");
  });
}
