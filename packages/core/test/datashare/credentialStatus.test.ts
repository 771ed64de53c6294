import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { test } from "node:test";
import {
  type CredentialDocument,
  type CredentialRecord,
  type CredentialStatusListAnswer,
  type CredentialVerification,
  createCredentialProof,
  credentialHash,
  credentialStatusEntries,
  credentialStatusEntry,
  didKeyVerificationMethod,
  encodedListOf,
  intlSuite,
  publicKeyMultibase,
  statusBit,
  verifyCredentialOffline,
  withStatusBit,
  withoutStatusBit,
} from "../../src/index.ts";

const chainId = "kexin-status-test";
const index = 9_001;
const privateKey = intlSuite.generatePrivateKey();
const trustedIssuers = [{ id: "https://civil.gov.example", organisation: "civil", publicKeys: [publicKeyMultibase(intlSuite, intlSuite.publicKeyOf(privateKey))] }];

function secured(credentialStatus: CredentialDocument["credentialStatus"]): CredentialDocument {
  const unsigned: CredentialDocument = { id: "urn:uuid:marriage-1", issuer: "https://civil.gov.example", credentialStatus, credentialSubject: { spouses: ["张三", "李四"] } };
  return createCredentialProof(intlSuite, unsigned, privateKey, { verificationMethod: didKeyVerificationMethod(intlSuite, intlSuite.publicKeyOf(privateKey)) });
}

function list(statusPurpose: "revocation" | "suspension", set: boolean): CredentialStatusListAnswer {
  const bits = new Uint8Array(16_384);
  return { issuer: "civil", statusPurpose, height: 5, encodedList: encodedListOf(gzipSync(set ? withStatusBit(bits, index) : bits)) };
}

const outcome = (verification: CredentialVerification): string => (verification.verified ? "active" : `${verification.check}:${verification.code}${verification.status !== undefined ? `:${verification.status}` : ""}`);
const verify = async (credential: CredentialDocument, status: Parameters<typeof verifyCredentialOffline>[1]["status"]) => outcome(await verifyCredentialOffline(intlSuite, { credential, chainId, trustedIssuers, status }));

test("default: a credential with both entries is judged by both snapshots: suspended when its suspension bit is set, revoked first when both are", async () => {
  const credential = secured(credentialStatusEntries(chainId, "civil", index));
  assert.equal(await verify(credential, { statusList: list("revocation", false), suspensionList: list("suspension", false) }), "active");
  assert.equal(await verify(credential, { statusList: list("revocation", false), suspensionList: list("suspension", true) }), "status:DATASHARE_CREDENTIAL_SUSPENDED:suspended");
  assert.equal(await verify(credential, { statusList: list("revocation", true), suspensionList: list("suspension", true) }), "status:DATASHARE_CREDENTIAL_REVOKED:revoked");
});

test("error: a suspendable credential with the revocation snapshot only, or lists given for the wrong purpose, fail the status check (DATASHARE_STATUS_INVALID)", async () => {
  const credential = secured(credentialStatusEntries(chainId, "civil", index));
  assert.equal(await verify(credential, { statusList: list("revocation", false) }), "status:DATASHARE_STATUS_INVALID");
  assert.equal(await verify(credential, { statusList: list("suspension", false), suspensionList: list("suspension", false) }), "status:DATASHARE_STATUS_INVALID");
  assert.equal(await verify(credential, { statusList: list("revocation", false), suspensionList: list("revocation", false) }), "status:DATASHARE_STATUS_INVALID");
});

test("error: a suspension entry at another index than the revocation entry, or in another organisation's list, fails (DATASHARE_STATUS_INVALID)", async () => {
  const lists = { statusList: list("revocation", false), suspensionList: list("suspension", false) };
  const otherIndex = secured([credentialStatusEntry(chainId, "civil", index), credentialStatusEntry(chainId, "civil", index + 1, "suspension")]);
  assert.equal(await verify(otherIndex, lists), "status:DATASHARE_STATUS_INVALID");
  const otherList = secured([credentialStatusEntry(chainId, "civil", index), credentialStatusEntry(chainId, "tax", index, "suspension")]);
  assert.equal(await verify(otherList, lists), "status:DATASHARE_STATUS_INVALID");
});

test("behavior: a credential issued before suspension existed (a revocation entry only) is judged by the revocation snapshot alone", async () => {
  const credential = secured(credentialStatusEntry(chainId, "civil", index));
  assert.equal(await verify(credential, { statusList: list("revocation", false) }), "active");
  assert.equal(await verify(credential, { statusList: list("revocation", false), suspensionList: list("suspension", true) }), "active", "it carries no suspension entry to check");
});

test("default: the chain's record says suspended, with the height; reinstated it says active again", async () => {
  const credential = secured(credentialStatusEntries(chainId, "civil", index));
  const record: CredentialRecord = { id: "urn:uuid:marriage-1", hash: credentialHash(intlSuite, credential), issuer: "civil", issuedBy: "00".repeat(20), issuedAt: 3, tx: "11".repeat(32), statusIndex: index, status: "suspended", suspendedAt: 8 };
  const suspended = await verifyCredentialOffline(intlSuite, { credential, chainId, trustedIssuers, status: { record } });
  assert.deepEqual(suspended.verified ? undefined : [suspended.code, suspended.status, suspended.suspendedAt], ["DATASHARE_CREDENTIAL_SUSPENDED", "suspended", 8]);
  const { suspendedAt: _suspendedAt, ...active } = record;
  assert.equal(await verify(credential, { record: { ...active, status: "active" } }), "active");
});

test("default: withoutStatusBit clears exactly one bit", () => {
  const all = new Uint8Array(4).fill(0xff);
  const cleared = withoutStatusBit(all, 10);
  assert.deepEqual([statusBit(cleared, 9), statusBit(cleared, 10), statusBit(cleared, 11)], [true, false, true]);
  assert.deepEqual(all, new Uint8Array(4).fill(0xff), "the input is left as it was");
  assert.deepEqual(withoutStatusBit(withStatusBit(new Uint8Array(4), 10), 10), new Uint8Array(4));
});
