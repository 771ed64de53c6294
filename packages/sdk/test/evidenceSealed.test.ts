import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { SealedError, decodeCanonical, decodeSealedEnvelope, encodeCanonical, gmSuite, intlSuite, toHex, utf8 } from "@kexin/core";
import { evidence } from "../src/index.ts";
import { gmSuitePortable, intlSuitePortable } from "@kexin/core/crypto/portable";

const content = utf8("证人笔录 — statement of witness A, page 1 of 3. ".repeat(500));

function changedByte(bytes: Uint8Array, index: number): Uint8Array {
  const copy = bytes.slice();
  copy[index] = (copy[index] as number) ^ 0x01;
  return copy;
}

function sealedCode(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof SealedError, `a SealedError is thrown, got ${String(error)}`);
    return error.code;
  }
  assert.fail("opening should have failed");
}

describe("sealed evidence (kexin-sealed/1)", () => {
  for (const [suite, portable, cipher] of [
    [intlSuite, intlSuitePortable, "aes-256-gcm"],
    [gmSuite, gmSuitePortable, "sm4-gcm"],
  ] as const) {
    test(`default: a file sealed with a fresh key opens to the same bytes (${suite.id})`, () => {
      const sealed = evidence.sealEvidence(suite.id, { content });
      assert.equal(sealed.cipher, cipher, "the chain suite picks the cipher");
      assert.equal(sealed.key.length, suite.sealKeyBytes, "the key has the suite's seal key size");
      assert.equal(sealed.hash, toHex(suite.hash(sealed.envelope)), "the hash to anchor is the suite hash of the envelope");
      assert.equal(sealed.size, sealed.envelope.length, "the size to anchor is the envelope's");
      assert.equal(sealed.mediaType, "application/vnd.kexin.sealed+cbor");
      assert.ok(sealed.size - content.length <= 96, "an envelope adds less than 96 bytes");
      const envelope = decodeSealedEnvelope(sealed.envelope);
      assert.equal(envelope.format, "kexin-sealed/1");
      assert.equal(envelope.nonce.length, 12, "a 12-byte nonce");
      assert.deepEqual(decodeCanonical(sealed.envelope), { format: "kexin-sealed/1", cipher, nonce: envelope.nonce, ciphertext: envelope.ciphertext }, "exactly the documented fields, canonically encoded");
      assert.deepEqual(evidence.openSealedEvidence({ envelope: sealed.envelope, key: sealed.key }), content, "opened with the key bytes");
      assert.deepEqual(evidence.openSealedEvidence({ envelope: sealed.envelope, key: sealed.keyText, expectedHash: sealed.hash }), content, "opened with the printable key");
      assert.notEqual(toHex(evidence.sealEvidence(suite.id, { content, key: sealed.key }).envelope), toHex(sealed.envelope), "the same file and key seal to a new envelope (fresh nonce)");
    });

    test(`behavior: the browser implementation opens what Node sealed and the reverse (${suite.id})`, () => {
      const byNode = evidence.sealEvidence(suite, { content });
      const byBrowser = evidence.sealEvidence(portable, { content });
      const { key: nodeKey } = byNode;
      assert.deepEqual(portable.open(nodeKey, concat(decodeSealedEnvelope(byNode.envelope)), encodeCanonical(["kexin-sealed/1", cipher])), content, "the portable AEAD opens Node's envelope");
      assert.deepEqual(evidence.openSealedEvidence({ envelope: byBrowser.envelope, key: byBrowser.keyText }), content, "Node opens the portable implementation's envelope");
    });

    test(`behavior: the printable key reads back to the same bytes (${suite.id})`, () => {
      const { key, keyText } = evidence.sealEvidence(suite.id, { content: utf8("x") });
      assert.match(keyText, new RegExp(`^kexin-sealed-key:${cipher}:[0-9a-f]{${suite.sealKeyBytes * 2}}$`));
      assert.deepEqual(evidence.decodeSealKey(`  ${keyText}\n`), { cipher, key }, "white space around a pasted key is ignored");
      assert.throws(() => evidence.decodeSealKey(keyText.slice(0, -2)), /not a seal key: a .* key is \d+ hex digits/);
      assert.throws(() => evidence.decodeSealKey(keyText.replace(cipher, "chacha20")), /not a seal key: expected kexin-sealed-key:/);
    });

    test(`error: a wrong key is refused, naming the cipher (${suite.id})`, () => {
      const sealed = evidence.sealEvidence(suite.id, { content });
      const otherKey = suite.randomBytes(suite.sealKeyBytes);
      assert.throws(() => evidence.openSealedEvidence({ envelope: sealed.envelope, key: otherKey, expectedHash: sealed.hash }), {
        name: "SealedError",
        message: `the sealed envelope does not open (${cipher}): this is not the key it was sealed with`,
      });
      const foreignKey = new Uint8Array(suite.sealKeyBytes === 32 ? 16 : 32);
      assert.equal(sealedCode(() => evidence.openSealedEvidence({ envelope: sealed.envelope, key: foreignKey })), "SEALED_BAD_KEY", "the other suite's key size is refused before decrypting");
    });

    test(`error: any altered byte of the envelope is refused (${suite.id})`, () => {
      const sealed = evidence.sealEvidence(suite.id, { content });
      const positions = [sealed.envelope.length - 1, sealed.envelope.length - 20, Math.floor(sealed.envelope.length / 2), 40];
      for (const position of positions) {
        const altered = changedByte(sealed.envelope, position);
        const code = sealedCode(() => evidence.openSealedEvidence({ envelope: altered, key: sealed.key }));
        assert.ok(code === "SEALED_OPEN_FAILED" || code === "SEALED_MALFORMED", `byte ${position} changed is refused (${code})`);
        assert.equal(sealedCode(() => evidence.openSealedEvidence({ envelope: altered, key: sealed.key, expectedHash: sealed.hash })), "SEALED_ALTERED", `with the anchored hash, byte ${position} is reported as an alteration`);
      }
    });
  }

  test("error: the format and cipher are bound to the ciphertext", () => {
    const key = intlSuite.randomBytes(32);
    // Sealed without the envelope's associated data, then wrapped as an envelope: it must not open.
    const bare = intlSuite.seal(key, content);
    const forged = encodeCanonical({ format: "kexin-sealed/1", cipher: "aes-256-gcm", nonce: bare.subarray(0, 12), ciphertext: bare.subarray(12) });
    assert.equal(sealedCode(() => evidence.openSealedEvidence({ envelope: forged, key })), "SEALED_OPEN_FAILED");
  });

  test("error: what is not an envelope is named as such", () => {
    const sealed = evidence.sealEvidence("intl", { content: utf8("short") });
    const fields = decodeSealedEnvelope(sealed.envelope);
    const cases: [Uint8Array, RegExp][] = [
      [utf8("%PDF-1.7 plain file"), /not a kexin-sealed\/1 sealed envelope: malformed CBOR/],
      [encodeCanonical({ ...fields, format: "kexin-sealed/2" }), /its format is "kexin-sealed\/2"; this program reads "kexin-sealed\/1"/],
      [encodeCanonical({ ...fields, cipher: "des" }), /its cipher "des" is not "aes-256-gcm" or "sm4-gcm"/],
      [encodeCanonical({ ...fields, nonce: new Uint8Array(8) }), /its nonce must be 12 bytes/],
      [encodeCanonical({ ...fields, note: "x" }), /its fields are cipher, ciphertext, format, nonce, note; expected cipher, ciphertext, format and nonce/],
    ];
    for (const [bytes, message] of cases) assert.throws(() => evidence.openSealedEvidence({ envelope: bytes, key: sealed.key }), message);
  });
});

function concat(envelope: { nonce: Uint8Array; ciphertext: Uint8Array }): Uint8Array {
  const sealed = new Uint8Array(envelope.nonce.length + envelope.ciphertext.length);
  sealed.set(envelope.nonce, 0);
  sealed.set(envelope.ciphertext, envelope.nonce.length);
  return sealed;
}
