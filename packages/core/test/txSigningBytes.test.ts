import assert from "node:assert/strict";
import { test } from "node:test";
import { toHex } from "../src/bytes.ts";
import type { CborValue } from "../src/codec.ts";
import { gmSuite, intlSuite } from "../src/crypto/index.ts";
import { decodeSignedTx, signTx, txSigningBytes, txSigningBytesOfEncoded, verifyTxSignature } from "../src/structures.ts";

const payloads: CborValue[] = [
  null,
  { to: "ab".repeat(20), program: "merchant", amount: 1 },
  { hash: new Uint8Array(32).fill(7), size: 2 ** 40, mediaType: "video/mp4", title: "执法记录 2026-11-25", tags: ["a", "b"] },
  { signature: "a key named like the envelope's last one", nested: { signature: new Uint8Array(64) } },
];

test("behavior: signing bytes cut from a transaction's encoding equal the encoded body, on both suites", () => {
  for (const suite of [intlSuite, gmSuite]) {
    const privateKey = suite.generatePrivateKey();
    for (const [index, payload] of payloads.entries()) {
      const { bytes } = signTx(suite, privateKey, { chainId: "kexin-dev", nonce: index * 1000, module: "points", type: "transfer", payload, expiry: 2 ** 33 });
      const tx = decodeSignedTx(bytes);
      const cut = txSigningBytesOfEncoded(tx, bytes);
      assert.equal(toHex(cut), toHex(txSigningBytes(tx)), `${suite.id} payload ${index}: the cut bytes are the body's encoding`);
      assert.ok(suite.verify(tx.signer, cut, tx.signature), `${suite.id} payload ${index}: the signature verifies over the cut bytes`);
      assert.ok(verifyTxSignature(suite, tx), `${suite.id} payload ${index}: and over the encoded body`);
    }
  }
});

test("error: bytes that are not the transaction's encoding fall back to encoding the body", () => {
  const privateKey = intlSuite.generatePrivateKey();
  const first = signTx(intlSuite, privateKey, { chainId: "kexin-dev", nonce: 1, module: "points", type: "transfer", payload: { amount: 1 }, expiry: 10 });
  const second = signTx(intlSuite, privateKey, { chainId: "kexin-dev", nonce: 2, module: "points", type: "transfer", payload: { amount: 1 }, expiry: 10 });
  const tx = decodeSignedTx(first.bytes);
  assert.equal(toHex(txSigningBytesOfEncoded(tx, second.bytes)), toHex(txSigningBytes(tx)), "another transaction's bytes are not used");
  assert.equal(toHex(txSigningBytesOfEncoded(tx, new Uint8Array(3))), toHex(txSigningBytes(tx)), "short bytes are not used");
});
