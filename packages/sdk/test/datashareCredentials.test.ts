import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type CredentialDocument, type TrustedCredentialIssuer, createCredentialProof, didKeyVerificationMethod, publicKeyMultibase } from "@kexin/core";
import { type DatashareChain, startDatashareChain } from "../../node/test/datashare/fixture.ts";
import { type KexinClient, createKexinClient, datashare, walletFromPrivateKey } from "../src/index.ts";

const issuerId = "https://housing.gov.example/issuers/1";

function propertyCredential(id: string): CredentialDocument {
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    id,
    type: ["VerifiableCredential", "PropertyCertificate"],
    issuer: issuerId,
    validFrom: "2026-01-01T00:00:00Z",
    credentialSubject: { id: "did:example:holder", owner: "张三", address: "北京市东城区景山前街4号", areaSquareMetres: 88.5 },
  };
}

const failure = (verification: { verified: boolean; check?: string; code?: string; status?: string }) => (verification.verified ? "verified" : [verification.check, verification.code, verification.status]);

for (const suiteId of ["intl", "gm"] as const) {
  describe(`credentials on a real ${suiteId} node`, () => {
    let chain: DatashareChain;
    let client: KexinClient;
    let trusted: TrustedCredentialIssuer[];
    let credential: CredentialDocument;
    const wallet = (account: { privateKey: Uint8Array }) => walletFromPrivateKey(suiteId, account.privateKey);

    before(async () => {
      chain = await startDatashareChain({ suite: suiteId });
      client = createKexinClient({ url: chain.chain.url });
      trusted = [{ id: issuerId, organisation: "housing", publicKeys: [publicKeyMultibase(chain.suite, chain.admins.housing.publicKey)] }];
      const issued = await client.datashare.issueCredential({ wallet: wallet(chain.admins.housing), credential: propertyCredential(`urn:uuid:${suiteId}-1`), created: "2026-12-07T10:00:00Z" });
      await chain.commit(chain.admins.housing, issued.call.type, issued.call.payload);
      credential = issued.credential;
    });
    after(async () => {
      await chain?.close();
    });

    test("default: issue → the holder's credential verifies against the trusted issuer and the node's record", async () => {
      const proof = credential.proof as { cryptosuite: string };
      assert.equal(proof.cryptosuite, suiteId === "intl" ? "eddsa-jcs-2022" : "sm2-jcs-2024");
      const [status, suspension] = credential.credentialStatus as { type: string; statusPurpose: string; statusListCredential: string; statusListIndex: string }[];
      assert.deepEqual([status?.type, status?.statusPurpose, suspension?.type, suspension?.statusPurpose], ["BitstringStatusListEntry", "revocation", "BitstringStatusListEntry", "suspension"]);
      assert.equal(status?.statusListCredential, `urn:kexin:${chain.chain.genesis.chainId}:datashare:status-list:housing:revocation`);
      assert.equal(suspension?.statusListCredential, `urn:kexin:${chain.chain.genesis.chainId}:datashare:status-list:housing:suspension`);
      assert.equal(suspension?.statusListIndex, status?.statusListIndex, "one index in both lists");
      const record = await client.datashare.getCredential({ id: `urn:uuid:${suiteId}-1` });
      assert.deepEqual([record.issuer, String(record.statusIndex), record.status], ["housing", status?.statusListIndex, "active"]);
      const verification = await client.datashare.verifyCredential({ credential, trustedIssuers: trusted });
      assert.equal(failure(verification), "verified");
      assert.equal(verification.verified && verification.issuer.organisation, "housing");
    });

    test("error: a tampered credential fails the signature check; an untrusted key the issuer check; a future validFrom the validity check; a re-signed body or one never recorded the record check", async () => {
      const tampered = { ...credential, credentialSubject: { ...(credential.credentialSubject as object), areaSquareMetres: 188.5 } };
      assert.deepEqual(failure(await client.datashare.verifyCredential({ credential: tampered, trustedIssuers: trusted })), ["signature", "DATASHARE_PROOF_INVALID", undefined]);
      const otherKey = [{ ...trusted[0]!, publicKeys: [publicKeyMultibase(chain.suite, chain.admins.tax.publicKey)] }];
      assert.deepEqual(failure(await client.datashare.verifyCredential({ credential, trustedIssuers: otherKey })), ["issuer", "DATASHARE_ISSUER_UNTRUSTED", undefined]);
      assert.deepEqual(failure(await client.datashare.verifyCredential({ credential, trustedIssuers: trusted, at: new Date("2025-06-01T00:00:00Z") })), ["validity", "DATASHARE_CREDENTIAL_NOT_YET_VALID", undefined]);
      // Re-signed by the issuer with the same id and status entry: only the hash on chain tells it from the issued one.
      const { proof: _proof, ...body } = credential;
      const resigned = createCredentialProof(chain.suite, { ...body, name: "altered" }, chain.admins.housing.privateKey, { verificationMethod: didKeyVerificationMethod(chain.suite, chain.admins.housing.publicKey) });
      assert.deepEqual(failure(await client.datashare.verifyCredential({ credential: resigned, trustedIssuers: trusted })), ["record", "DATASHARE_CREDENTIAL_HASH_MISMATCH", undefined]);
      // Signed by the trusted key but never recorded on chain: only the node's record can tell.
      const unrecorded = await client.datashare.issueCredential({ wallet: wallet(chain.admins.housing), credential: propertyCredential(`urn:uuid:${suiteId}-unrecorded`) });
      assert.deepEqual(failure(await client.datashare.verifyCredential({ credential: unrecorded.credential, trustedIssuers: trusted })), ["record", "DATASHARE_CREDENTIAL_NOT_FOUND", undefined]);
    });

    test("default: a department records its check of a presented credential; a re-signed variant is recorded as hash_mismatch", async () => {
      const presented = await client.datashare.presentCredential({ wallet: wallet(chain.clerks.tax), credential, trustedIssuers: trusted, purpose: "property tax assessment" });
      assert.equal(failure(presented.verification), "verified");
      const committed = await chain.commit(chain.clerks.tax, presented.call.type, presented.call.payload);
      // The issuer signs another body under the same id, but the chain holds the first one's hash.
      const variant = await client.datashare.issueCredential({ wallet: wallet(chain.admins.housing), credential: { ...propertyCredential(`urn:uuid:${suiteId}-1`), name: "altered" } });
      const presentedVariant = await client.datashare.presentCredential({ wallet: wallet(chain.clerks.health), credential: variant.credential, trustedIssuers: trusted, purpose: "housing subsidy" });
      assert.deepEqual(failure(presentedVariant.verification), ["record", "DATASHARE_STATUS_INVALID", undefined], "another status index than the recorded one");
      await chain.commit(chain.clerks.health, presentedVariant.call.type, presentedVariant.call.payload);
      const { verifications } = await client.datashare.getCredentialVerifications({ credential: `urn:uuid:${suiteId}-1` });
      assert.deepEqual(
        verifications.map((entry) => [entry.tx, entry.organisation, entry.purpose, entry.result]),
        [
          [committed.hash, "tax", "property tax assessment", "valid"],
          [verifications[1]?.tx, "health", "housing subsidy", "hash_mismatch"],
        ],
      );
    });

    test("default: suspension: the node's record and a fresh suspension-list snapshot say suspended until the issuer reinstates it; a revocation snapshot alone cannot tell", async () => {
      const id = `urn:uuid:${suiteId}-1`;
      const statusList = await client.datashare.getCredentialStatusList({ issuer: "housing" });
      const before = await client.datashare.getCredentialStatusList({ issuer: "housing", purpose: "suspension" });
      assert.equal(before.statusPurpose, "suspension");
      await chain.commit(chain.admins.housing, "suspend_credential", datashare.suspendCredential({ id, reason: "under review" }).payload);
      const verification = await client.datashare.verifyCredential({ credential, trustedIssuers: trusted });
      assert.deepEqual(failure(verification), ["status", "DATASHARE_CREDENTIAL_SUSPENDED", "suspended"]);
      const during = await client.datashare.getCredentialStatusList({ issuer: "housing", purpose: "suspension" });
      assert.deepEqual(failure(await client.datashare.verifyCredential({ credential, trustedIssuers: trusted, statusList, suspensionList: during })), ["status", "DATASHARE_CREDENTIAL_SUSPENDED", "suspended"]);
      assert.equal(failure(await client.datashare.verifyCredential({ credential, trustedIssuers: trusted, statusList, suspensionList: before })), "verified", "a snapshot answers for its height only");
      assert.deepEqual(failure(await client.datashare.verifyCredential({ credential, trustedIssuers: trusted, statusList })), ["status", "DATASHARE_STATUS_INVALID", undefined], "the suspension list is needed");
      assert.deepEqual(failure(await client.datashare.verifyCredential({ credential, trustedIssuers: trusted, statusList: during, suspensionList: during })), ["status", "DATASHARE_STATUS_INVALID", undefined], "a list of the other purpose");
      const presented = await client.datashare.presentCredential({ wallet: wallet(chain.clerks.tax), credential, trustedIssuers: trusted, purpose: "checking" });
      const recorded = await chain.commit(chain.clerks.tax, presented.call.type, presented.call.payload);
      assert.equal(recorded.events.find((event) => event.type === "credential_verified")?.attributes.result, "suspended");
      await chain.commit(chain.admins.housing, "reinstate_credential", datashare.reinstateCredential({ id }).payload);
      assert.equal(failure(await client.datashare.verifyCredential({ credential, trustedIssuers: trusted })), "verified");
      const reinstated = await client.datashare.getCredentialStatusList({ issuer: "housing", purpose: "suspension" });
      assert.equal(failure(await client.datashare.verifyCredential({ credential, trustedIssuers: trusted, statusList, suspensionList: reinstated })), "verified");
    });

    test("default: revocation: the node's record and a fresh status-list snapshot say revoked; a snapshot from before still says active", async () => {
      const before = await client.datashare.getCredentialStatusList({ issuer: "housing" });
      const suspensionList = await client.datashare.getCredentialStatusList({ issuer: "housing", purpose: "suspension" });
      assert.equal(failure(await client.datashare.verifyCredential({ credential, trustedIssuers: trusted, statusList: before, suspensionList })), "verified");
      await chain.commit(chain.admins.housing, "revoke_credential", datashare.revokeCredential({ id: `urn:uuid:${suiteId}-1`, reason: "property sold" }).payload);
      const verification = await client.datashare.verifyCredential({ credential, trustedIssuers: trusted });
      assert.deepEqual(failure(verification), ["status", "DATASHARE_CREDENTIAL_REVOKED", "revoked"]);
      const after = await client.datashare.getCredentialStatusList({ issuer: "housing" });
      assert.deepEqual(failure(await client.datashare.verifyCredential({ credential, trustedIssuers: trusted, statusList: after, suspensionList })), ["status", "DATASHARE_CREDENTIAL_REVOKED", "revoked"]);
      assert.equal(failure(await client.datashare.verifyCredential({ credential, trustedIssuers: trusted, statusList: before, suspensionList })), "verified", "a snapshot answers for its height only");
      const taxList = await client.datashare.getCredentialStatusList({ issuer: "tax" });
      assert.deepEqual(failure(await client.datashare.verifyCredential({ credential, trustedIssuers: trusted, statusList: taxList })), ["status", "DATASHARE_STATUS_INVALID", undefined]);
    });

    test("error: a credential without an id, or naming its own status entry, is refused before anything is signed", async () => {
      const { id: _id, ...noId } = propertyCredential("urn:uuid:x");
      await assert.rejects(client.datashare.issueCredential({ wallet: wallet(chain.admins.housing), credential: noId }), { code: "DATASHARE_CREDENTIAL_INVALID" });
      const withStatus = { ...propertyCredential("urn:uuid:y"), credentialStatus: { type: "BitstringStatusListEntry" } };
      await assert.rejects(client.datashare.issueCredential({ wallet: wallet(chain.admins.housing), credential: withStatus }), { code: "DATASHARE_CREDENTIAL_INVALID" });
    });
  });
}
