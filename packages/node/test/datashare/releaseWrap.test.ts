import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeCanonical, generateEncryptionKeyPair, getSuite, keyReleaseContext, toHex, unwrapDataKey } from "@kexin/core";
import { wrapDataKeyForRelease } from "../../src/modules/datashare/releaseWrap.ts";
import { rejectionCode } from "../../../core/test/rejectionCode.ts";

const access = "ab".repeat(32);

for (const suiteId of ["intl", "gm"] as const) {
  test(`default: a key wrapped for release opens with @kexin/core's unwrapDataKey (@hpke/core on intl), only for its key and context (${suiteId})`, async () => {
    const suite = getSuite(suiteId);
    const recipient = generateEncryptionKeyPair(suite);
    const context = keyReleaseContext("kexin-test", access, "cert-1");
    for (let round = 0; round < 20; round += 1) {
      const dataKey = suite.randomBytes(suite.sealKeyBytes);
      const wrapped = await wrapDataKeyForRelease(suite, recipient.publicKey, dataKey, context);
      assert.equal(toHex(await unwrapDataKey(suite, recipient.privateKey, wrapped, context)), toHex(dataKey));
      assert.equal(await rejectionCode(unwrapDataKey(suite, recipient.privateKey, wrapped, keyReleaseContext("kexin-test", access, "cert-2"))), "DATASHARE_WRAPPED_KEY_INVALID");
      assert.equal(await rejectionCode(unwrapDataKey(suite, generateEncryptionKeyPair(suite).privateKey, wrapped, context)), "DATASHARE_WRAPPED_KEY_INVALID");
    }
  });
}

test("behavior: every release encapsulates afresh: the same key wrapped twice shares no enc and no ciphertext", async () => {
  const suite = getSuite("intl");
  const recipient = generateEncryptionKeyPair(suite);
  const dataKey = suite.randomBytes(32);
  const context = keyReleaseContext("kexin-test", access, "cert-1");
  const [first, second] = (await Promise.all([1, 2].map(() => wrapDataKeyForRelease(suite, recipient.publicKey, dataKey, context)))).map((bytes) => decodeCanonical(bytes) as { scheme: string; enc: Uint8Array; ciphertext: Uint8Array });
  assert.equal(first?.scheme, "hpke-x25519");
  assert.equal(first?.enc.length, 32);
  assert.equal(first?.ciphertext.length, 32 + 16, "the data key and the AES-GCM tag");
  assert.notEqual(toHex(first?.enc ?? new Uint8Array()), toHex(second?.enc ?? new Uint8Array()));
  assert.notEqual(toHex(first?.ciphertext ?? new Uint8Array()), toHex(second?.ciphertext ?? new Uint8Array()));
});

test("error: a recipient key that is not an X25519 key is refused before anything is computed", async () => {
  const suite = getSuite("intl");
  assert.equal(await rejectionCode(wrapDataKeyForRelease(suite, new Uint8Array(32), suite.randomBytes(32), new Uint8Array(8))), "DATASHARE_ENCRYPTION_KEY_INVALID");
  assert.equal(await rejectionCode(wrapDataKeyForRelease(suite, new Uint8Array(31).fill(9), suite.randomBytes(32), new Uint8Array(8))), "DATASHARE_ENCRYPTION_KEY_INVALID");
});
