import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { sm2, sm3 } from "sm-crypto-v2";
import { type CredentialDocument, createCredentialProof, credentialProofHashData, didKeyVerificationMethod, fromHex, fromMultibaseBase58btc, fromUtf8, gmSuite, multibaseBase58btc, publicKeyFromMultibase, publicKeyMultibase, toHex, verifyCredentialProof } from "../../src/index.ts";
import { gmSuitePortable } from "../../src/crypto/portable.ts";

/** The published eddsa-jcs-2022 credential, unsigned, taken through the gm counterpart. */
const unsigned = JSON.parse(readFileSync(new URL("./vectors/eddsa-jcs-2022/unsigned.json", import.meta.url), "utf8")) as CredentialDocument;
const canonicalDocument = readFileSync(new URL("./vectors/eddsa-jcs-2022/canonDocJCS.txt", import.meta.url), "utf8").trim();

function issue(privateKey: Uint8Array): CredentialDocument {
  return createCredentialProof(gmSuite, unsigned, privateKey, { verificationMethod: didKeyVerificationMethod(gmSuite, gmSuite.publicKeyOf(privateKey)), created: "2026-12-07T10:00:00Z" });
}

test("default: an sm2-jcs-2024 proof round-trips, on both backends, and names its SM2 Multikey", () => {
  const privateKey = gmSuite.generatePrivateKey();
  const secured = issue(privateKey);
  const proof = secured.proof as { cryptosuite: string; verificationMethod: string; proofValue: string };
  assert.equal(proof.cryptosuite, "sm2-jcs-2024");
  assert.match(proof.verificationMethod, /^did:key:z[1-9A-HJ-NP-Za-km-z]+#z[1-9A-HJ-NP-Za-km-z]+$/);
  for (const suite of [gmSuite, gmSuitePortable]) {
    const verification = verifyCredentialProof(suite, secured);
    assert.equal(verification.verified, true, JSON.stringify(verification));
    assert.deepEqual(verification.verified && verification.publicKey, gmSuite.publicKeyOf(privateKey));
  }
  assert.equal(verifyCredentialProof(gmSuite, { ...secured, name: "Another name" }).verified, false);
});

test("interop: the hash data is SM3 of the JCS forms, and the proof verifies in sm-crypto-v2 with its default user ID", () => {
  const privateKey = gmSuite.generatePrivateKey();
  const secured = issue(privateKey);
  const { proof, ...document } = secured;
  const { proofValue, ...proofConfig } = proof as { proofValue: string };
  const hashed = credentialProofHashData(gmSuite, document, proofConfig);
  assert.equal(fromUtf8(hashed.canonicalDocument), canonicalDocument, "the same JCS form as eddsa-jcs-2022's");
  assert.equal(toHex(hashed.hashData), sm3(fromUtf8(hashed.canonicalProofConfig)) + sm3(canonicalDocument));
  const signature = toHex(fromMultibaseBase58btcForTest(proofValue));
  assert.equal(sm2.doVerifySignature(hashed.hashData, signature, toHex(gmSuite.publicKeyOf(privateKey)), { hash: true }), true);
});

test("interop: a proof signed by sm-crypto-v2 (default user ID) over the same hash data verifies here", () => {
  const keyPair = sm2.generateKeyPairHex();
  const publicKey = fromHex(keyPair.publicKey);
  const secured = issue(fromHex(keyPair.privateKey));
  const { proof, ...document } = secured;
  const { proofValue: _ours, ...proofConfig } = proof as { proofValue: string; verificationMethod: string };
  const config = { ...proofConfig, verificationMethod: didKeyVerificationMethod(gmSuite, publicKey) };
  const { hashData } = credentialProofHashData(gmSuite, document, config);
  const theirs = multibaseBase58btc(fromHex(sm2.doSignature(hashData, keyPair.privateKey, { hash: true })));
  const verification = verifyCredentialProof(gmSuitePortable, { ...document, proof: { ...config, proofValue: theirs } });
  assert.equal(verification.verified, true, JSON.stringify(verification));
});

test("default: SM2 Multikeys carry sm2-pub (0x1206) and the compressed point, and decode to the uncompressed key", () => {
  for (let round = 0; round < 8; round++) {
    const publicKey = gmSuite.publicKeyOf(gmSuite.generatePrivateKey());
    const multikey = publicKeyMultibase(gmSuite, publicKey);
    const bytes = fromMultibaseBase58btcForTest(multikey);
    assert.deepEqual([...bytes.subarray(0, 2)], [0x86, 0x24]);
    assert.equal(bytes.length, 2 + 33);
    assert.equal(bytes[2], (publicKey[64] as number) % 2 === 0 ? 0x02 : 0x03);
    assert.deepEqual(publicKeyFromMultibase(gmSuite, multikey), publicKey);
  }
  const offCurve = multibaseBase58btc(new Uint8Array([0x86, 0x24, 0x02, ...new Uint8Array(32).fill(0xff)]));
  assert.equal(publicKeyFromMultibase(gmSuite, offCurve), undefined);
});

test("error: an Ed25519 verification method under sm2-jcs-2024 fails the verification-method check", () => {
  const secured = issue(gmSuite.generatePrivateKey());
  const proof = { ...(secured.proof as object), verificationMethod: "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2" };
  const verification = verifyCredentialProof(gmSuite, { ...secured, proof });
  assert.deepEqual(verification.verified ? undefined : [verification.check, verification.code], ["verification_method", "DATASHARE_CREDENTIAL_KEY_INVALID"]);
});

function fromMultibaseBase58btcForTest(text: string): Uint8Array {
  const bytes = fromMultibaseBase58btc(text);
  assert.ok(bytes !== undefined, `${text} is multibase base58btc`);
  return bytes;
}
