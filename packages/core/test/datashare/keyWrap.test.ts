import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, test } from "node:test";
import { decodeCanonical, datashareSubjectReference, encodeCanonical, encryptionKeyProblem, generateEncryptionKeyPair, getSuite, unwrapDataKey, utf8, wrapDataKey } from "../../src/index.ts";
import { rejectionCode as codeOf } from "../rejectionCode.ts";

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
