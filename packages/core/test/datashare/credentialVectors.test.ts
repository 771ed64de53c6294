import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { base58 } from "@scure/base";
import { type CredentialDocument, createCredentialProof, credentialProofHashData, fromUtf8, intlSuite, publicKeyFromMultibase, publicKeyMultibase, toHex, verifyCredentialProof } from "../../src/index.ts";
import { intlSuitePortable } from "../../src/crypto/portable.ts";

const folder = new URL("./vectors/eddsa-jcs-2022/", import.meta.url);
const text = (name: string): string => readFileSync(new URL(name, folder), "utf8").trim();
const json = (name: string): CredentialDocument => JSON.parse(text(name)) as CredentialDocument;

const keyPair = json("keyPair.json") as { publicKeyMultibase: string; privateKeyMultibase: string };
const unsigned = json("unsigned.json");
const signed = json("signedJCS.json");
const proofConfig = json("proofConfigJCS.json");

/** The private key's Multikey: multicodec ed25519-priv (0x1300, varint 0x80 0x26) and the 32-byte seed. */
function privateKeyOf(multibase: string): Uint8Array {
  const bytes = base58.decode(multibase.slice(1));
  assert.deepEqual([...bytes.subarray(0, 2)], [0x80, 0x26]);
  return bytes.subarray(2);
}

test("vectors: the key pair's Multikey public key decodes to the key of its private seed and encodes back", () => {
  const publicKey = publicKeyFromMultibase(intlSuite, keyPair.publicKeyMultibase);
  assert.ok(publicKey !== undefined);
  assert.deepEqual(intlSuite.publicKeyOf(privateKeyOf(keyPair.privateKeyMultibase)), publicKey);
  assert.equal(publicKeyMultibase(intlSuite, publicKey), keyPair.publicKeyMultibase);
});

for (const suite of [intlSuite, intlSuitePortable]) {
  const backend = suite === intlSuite ? "fastest backend" : "portable backend";

  test(`vectors (${backend}): canonical document, canonical proof configuration, their hashes and the hash data are the published ones`, () => {
    const hashed = credentialProofHashData(suite, unsigned, proofConfig);
    assert.equal(fromUtf8(hashed.canonicalDocument), text("canonDocJCS.txt"));
    assert.equal(fromUtf8(hashed.canonicalProofConfig), text("proofCanonJCS.txt"));
    assert.equal(toHex(suite.hash(hashed.canonicalDocument)), text("docHashJCS.txt"));
    assert.equal(toHex(suite.hash(hashed.canonicalProofConfig)), text("proofHashJCS.txt"));
    assert.equal(toHex(hashed.hashData), text("combinedHashJCS.txt"));
  });

  test(`vectors (${backend}): Create Proof gives the published signature and signed credential`, () => {
    const secured = createCredentialProof(suite, unsigned, privateKeyOf(keyPair.privateKeyMultibase), {
      verificationMethod: proofConfig.verificationMethod as string,
      created: proofConfig.created as string,
      proofPurpose: proofConfig.proofPurpose as string,
    });
    const proofValue = (secured.proof as { proofValue: string }).proofValue;
    assert.equal(proofValue, text("sigBTC58JCS.txt"));
    assert.equal(toHex(base58.decode(proofValue.slice(1))), text("sigHexJCS.txt"));
    assert.deepEqual(secured, signed);
  });

  test(`vectors (${backend}): Verify Proof accepts the published signed credential`, () => {
    const verification = verifyCredentialProof(suite, signed);
    assert.equal(verification.verified, true, JSON.stringify(verification));
    assert.equal(verification.verified && publicKeyMultibase(suite, verification.publicKey), keyPair.publicKeyMultibase);
  });
}

test("error: the published credential with a changed claim fails the signature check; without its proof, the format check", () => {
  const tampered = { ...signed, credentialSubject: { id: "did:example:abcdefgh", alumniOf: "The School of Forgeries" } };
  const verification = verifyCredentialProof(intlSuite, tampered);
  assert.deepEqual(verification.verified ? undefined : [verification.check, verification.code], ["signature", "DATASHARE_PROOF_INVALID"]);
  const { proof: _proof, ...bare } = signed;
  const unproved = verifyCredentialProof(intlSuite, bare);
  assert.deepEqual(unproved.verified ? undefined : [unproved.check, unproved.code], ["format", "DATASHARE_CREDENTIAL_INVALID"]);
});

test("error: a proof whose @context is not the start of the credential's fails the context check", () => {
  const proof = { ...(signed.proof as object), "@context": ["https://www.w3.org/ns/credentials/v2", "https://example.org/other/v1"] };
  const verification = verifyCredentialProof(intlSuite, { ...signed, proof });
  assert.deepEqual(verification.verified ? undefined : verification.check, "context");
});

test("error: a proof @context that JSON canonicalization cannot express (a lone surrogate) fails the format check rather than throwing", () => {
  const proof = { ...(signed.proof as object), "@context": [JSON.parse('"\\ud800"') as string] };
  const verification = verifyCredentialProof(intlSuite, { ...signed, proof });
  assert.deepEqual(verification.verified ? undefined : [verification.check, verification.code], ["format", "DATASHARE_CREDENTIAL_INVALID"]);
});
