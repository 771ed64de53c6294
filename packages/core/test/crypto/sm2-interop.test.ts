import assert from "node:assert/strict";
import { type KeyObject, createHash, createPrivateKey, generateKeyPairSync, sign as nodeSign } from "node:crypto";
import { test } from "node:test";
import { invert, mod } from "@noble/curves/abstract/modular.js";
import { bytesToNumberBE, numberToBytesBE } from "@noble/curves/abstract/utils.js";
import { sm2 } from "sm-crypto-v2";
import { concatBytes, fromHex, toHex, utf8 } from "../../src/bytes.ts";
import { derReadSequence } from "../../src/crypto/der.ts";
import { gmSuite } from "../../src/crypto/index.ts";
import { gmSuitePortable } from "../../src/crypto/portable.ts";
import { Sm2Point, sm2Curve } from "../../src/crypto/sm2-curve.ts";

const suites = [gmSuite, gmSuitePortable];
const messages = [new Uint8Array(0), utf8("kexin"), gmSuite.randomBytes(250), gmSuite.randomBytes(5000)];

test("interop: gm signatures verify in sm-crypto-v2 with its default user ID", () => {
  for (const suite of suites) {
    const privateKey = suite.generatePrivateKey();
    const publicKeyHex = toHex(suite.publicKeyOf(privateKey));
    for (const message of messages) {
      const signatureHex = toHex(suite.sign(privateKey, message));
      assert.equal(sm2.doVerifySignature(message, signatureHex, publicKeyHex, { hash: true }), true);
      assert.equal(sm2.doVerifySignature(message, signatureHex, publicKeyHex, { hash: true, userId: "" }), false);
    }
  }
});

test("interop: sm-crypto-v2 signatures with its default user ID verify in the gm suite", () => {
  const keyPair = sm2.generateKeyPairHex();
  const publicKey = fromHex(keyPair.publicKey);
  for (const message of messages) {
    const signature = fromHex(sm2.doSignature(message, keyPair.privateKey, { hash: true }));
    for (const suite of suites) assert.equal(suite.verify(publicKey, message, signature), true);
    const otherId = fromHex(sm2.doSignature(message, keyPair.privateKey, { hash: true, userId: "ALICE123@YAHOO.COM" }));
    for (const suite of suites) assert.equal(suite.verify(publicKey, message, otherId), false);
  }
});

test("interop: public key derivation matches sm-crypto-v2", () => {
  for (let round = 0; round < 20; round++) {
    const privateKey = gmSuite.generatePrivateKey();
    const expected = sm2.getPublicKeyFromPrivateKey(toHex(privateKey));
    for (const suite of suites) assert.equal(toHex(suite.publicKeyOf(privateKey)), expected);
  }
});

/** r ‖ s from a DER SEQUENCE { INTEGER r, INTEGER s }, the form OpenSSL signs in. */
function rawSignature(der: Uint8Array): Uint8Array {
  const sequence = derReadSequence(der, "signature");
  const r = sequence.integer("r");
  const s = sequence.integer("s");
  return concatBytes(numberToBytesBE(r, 32), numberToBytesBE(s, 32));
}

/** An SM2 key as OpenSSL's SM2 key type: Node only gives that type to keys it decodes, not to ones it generates. */
function opensslSm2Key(): { privateKey: KeyObject; rawPublicKey: Uint8Array } {
  const generated = generateKeyPairSync("ec", { namedCurve: "SM2" });
  const privateKey = createPrivateKey(generated.privateKey.export({ format: "pem", type: "pkcs8" }));
  const spki = generated.publicKey.export({ format: "der", type: "spki" });
  return { privateKey, rawPublicKey: new Uint8Array(spki.subarray(spki.length - 65)) };
}

test("behavior: Node's own SM2 signatures (empty user ID) do not verify in the gm suite", () => {
  // The platform fact the gm suite works around: OpenSSL 3.0 in Node signs with an empty ID and cannot be told otherwise.
  const { privateKey, rawPublicKey } = opensslSm2Key();
  const message = utf8("kexin");
  const signature = rawSignature(nodeSign(null, message, privateKey));
  assert.equal(sm2.doVerifySignature(message, toHex(signature), toHex(rawPublicKey), { hash: true, userId: "" }), true);
  for (const suite of suites) assert.equal(suite.verify(rawPublicKey, message, signature), false);
});

test("platform: a key from generateKeyPairSync(\"ec\", { namedCurve: \"SM2\" }) signs ECDSA on the SM2 curve, not SM2", () => {
  // Worth knowing before anyone reaches for Node's SM2: without a PEM round trip the key is a plain EC key.
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "SM2" });
  const spki = publicKey.export({ format: "der", type: "spki" });
  const point = Sm2Point.fromHex(new Uint8Array(spki.subarray(spki.length - 65)));
  const message = utf8("kexin");
  const signature = rawSignature(nodeSign("sha256", message, privateKey));
  const r = bytesToNumberBE(signature.subarray(0, 32));
  const s = bytesToNumberBE(signature.subarray(32));
  const digest = bytesToNumberBE(createHash("sha256").update(message).digest());
  const { n } = sm2Curve;
  const w = invert(s, n);
  const x = Sm2Point.BASE.multiply(mod(digest * w, n)).add(point.multiply(mod(r * w, n))).toAffine().x;
  assert.equal(mod(x, n), r);
  assert.equal(gmSuite.verify(new Uint8Array(spki.subarray(spki.length - 65)), message, signature), false);
});
