import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { datashareSubjectAuditAuthorisation, publicKeyMultibase, toHex } from "@kexin/core";
import { type DatashareChain, datasetPayload, failedWith, startDatashareChain } from "../../node/test/datashare/fixture.ts";
import { type KexinClient, type Wallet, createKexinClient, createWallet, datashare, walletFromPrivateKey } from "../src/index.ts";
import { rejectionCode as codeOf } from "../../core/test/rejectionCode.ts";

let chain: DatashareChain;
let client: KexinClient;
let citizen: Wallet;
const subject = "ab".repeat(32);
const otherSubject = "cd".repeat(32);
const accesses: string[] = [];
const wallet = (account: { privateKey: Uint8Array }) => walletFromPrivateKey("intl", account.privateKey);
const audit = (signer: Wallet, extra: { organisation?: string; start?: number; limit?: number } = {}) => client.datashare.getSubjectAudit({ wallet: signer, organisation: "housing", subject, ...extra });

before(async () => {
  chain = await startDatashareChain();
  client = createKexinClient({ url: chain.chain.url });
  await chain.commit(chain.admins.housing, "register_dataset", datasetPayload("housing.property", 1));
  const record = (id: string, of: string) => ({ id, dataset: "housing.property", hash: "11".repeat(32), size: 64, subject: of });
  await chain.commit(chain.clerks.housing, "publish_record", record("cert-1", subject));
  await chain.commit(chain.clerks.housing, "publish_record", record("cert-2", subject));
  await chain.commit(chain.clerks.housing, "publish_record", record("cert-3", otherSubject));
  const head = (await client.getStatus()).height;
  await chain.commit(chain.admins.housing, "grant", datashare.grant({ dataset: "housing.property", grantee: { kind: "organisation", id: "tax" }, purpose: "property tax", expiresAt: head + 1_000, accessesMax: 10 }).payload);
  accesses.push((await chain.commit(chain.clerks.tax, "access", datashare.access({ record: "cert-1", purpose: "property tax 2026" }).payload)).hash);
  await chain.commit(chain.clerks.tax, "access", datashare.access({ record: "cert-3", purpose: "someone else" }).payload);
  accesses.push((await chain.commit(chain.clerks.tax, "access", datashare.access({ dataset: "housing.property", subject, purpose: "housing subsidy" }).payload)).hash);
  citizen = createWallet("intl");
  await chain.commit(chain.clerks.housing, "bind_subject_key", datashare.bindSubjectKey({ subject, publicKey: citizen.publicKey }).payload);
});
after(async () => {
  await chain?.close();
});

test("default: the citizen, signing with the key bound to the subject, lists every access to its records: who, when, purpose, transaction", async () => {
  const answer = await audit(citizen);
  assert.equal(answer.viewer, "subject");
  assert.deepEqual(
    answer.accesses.map((entry) => [entry.tx, entry.requester, entry.organisation, entry.purpose, entry.records]),
    [
      [accesses[0], chain.clerks.tax.address, "tax", "property tax 2026", ["cert-1"]],
      [accesses[1], chain.clerks.tax.address, "tax", "housing subsidy", ["cert-1", "cert-2"]],
    ],
  );
  for (const entry of answer.accesses) {
    const block = (await chain.chain.get(`/v1/blocks/${entry.height}`)).body as { header: { time: number } };
    assert.equal(entry.time, block.header.time);
  }
  assert.deepEqual([answer.total, answer.next], [2, null]);
  const firstPage = await audit(citizen, { limit: 1 });
  const secondPage = await audit(citizen, { start: firstPage.next ?? -1, limit: 1 });
  assert.deepEqual([firstPage.accesses[0]?.tx, firstPage.next, secondPage.accesses[0]?.tx, secondPage.next], [accesses[0], 1, accesses[1], null]);
});

test("behavior: the owner organisation's accounts and auditors see the list too, each named as such", async () => {
  assert.equal((await audit(wallet(chain.admins.housing))).viewer, "organisation");
  assert.equal((await audit(wallet(chain.clerks.housing))).viewer, "organisation");
  const audited = await audit(wallet(chain.auditor));
  assert.deepEqual([audited.viewer, audited.total], ["auditor", 2]);
});

test("error: nobody else sees it (DATASHARE_AUDIT_NOT_ALLOWED): the requester, an unbound key, the citizen asking for another organisation's list", async () => {
  assert.equal(await codeOf(audit(wallet(chain.clerks.tax))), "DATASHARE_AUDIT_NOT_ALLOWED");
  assert.equal(await codeOf(audit(wallet(chain.admins.tax))), "DATASHARE_AUDIT_NOT_ALLOWED");
  assert.equal(await codeOf(audit(createWallet("intl"))), "DATASHARE_AUDIT_NOT_ALLOWED");
  assert.equal(await codeOf(audit(citizen, { organisation: "tax" })), "DATASHARE_AUDIT_NOT_ALLOWED");
});

test("error: a request sent twice is refused the second time (DATASHARE_CHALLENGE_UNKNOWN); one with a made-up challenge or a bad signature too", async () => {
  const post = (body: unknown) => chain.chain.post("/v1/datashare/subjects/audit", body);
  const signed = (challenge: string) => toHex(citizen.signTx({ chainId: chain.chain.genesis.chainId, nonce: 0, ...datashareSubjectAuditAuthorisation, payload: { organisation: "housing", subject, challenge }, expiry: 0 }).bytes);
  const { challenge } = (await chain.chain.post("/v1/datashare/keys/challenge", {})).body as { challenge: string };
  const request = signed(challenge);
  const first = await post({ request });
  assert.equal(first.status, 200);
  const again = await post({ request });
  assert.deepEqual([again.status, (again.body.error as { code: string }).code], [401, "DATASHARE_CHALLENGE_UNKNOWN"]);
  const madeUp = await post({ request: signed("00".repeat(32)) });
  assert.equal((madeUp.body.error as { code: string }).code, "DATASHARE_CHALLENGE_UNKNOWN");
  const { challenge: fresh } = (await chain.chain.post("/v1/datashare/keys/challenge", {})).body as { challenge: string };
  const tampered = signed(fresh).slice(0, -2) + (signed(fresh).endsWith("00") ? "01" : "00");
  assert.equal(((await post({ request: tampered })).body.error as { code: string }).code, "DATASHARE_REQUEST_UNAUTHORISED");
});

test("behavior: binding a new key replaces the old one; error: a key of the wrong size (DATASHARE_SUBJECT_KEY_INVALID)", async () => {
  const replacement = createWallet("intl");
  await chain.commit(chain.clerks.housing, "bind_subject_key", datashare.bindSubjectKey({ subject, publicKey: replacement.publicKey }).payload);
  assert.equal((await audit(replacement)).viewer, "subject");
  assert.equal(await codeOf(audit(citizen)), "DATASHARE_AUDIT_NOT_ALLOWED");
  const outcome = await chain.send(chain.clerks.housing, "bind_subject_key", { subject, publicKey: `04${"22".repeat(64)}` });
  assert.ok(failedWith(outcome, "DATASHARE_SUBJECT_KEY_INVALID"), JSON.stringify(outcome));
});

test("behavior: a credential issued naming the subject: its holder presents it to another department, and the citizen's audit list shows that verification with verifier, purpose, verdict and transaction", async () => {
  const holderKey = createWallet("intl");
  await chain.commit(chain.clerks.housing, "bind_subject_key", datashare.bindSubjectKey({ subject, publicKey: holderKey.publicKey }).payload);
  const unsigned = { "@context": ["https://www.w3.org/ns/credentials/v2"], id: "urn:uuid:audited-1", type: ["VerifiableCredential"], issuer: "https://housing.example/1", credentialSubject: { owner: "张三" } };
  const issued = await client.datashare.issueCredential({ wallet: wallet(chain.admins.housing), credential: unsigned, subject: subject.toUpperCase() });
  assert.equal(issued.call.payload.subject, subject, "the reference is sent in lower case");
  await chain.commit(chain.admins.housing, issued.call.type, issued.call.payload);
  const trustedIssuers = [{ id: "https://housing.example/1", organisation: "housing", publicKeys: [publicKeyMultibase(chain.suite, chain.admins.housing.publicKey)] }];
  const presented = await client.datashare.presentCredential({ wallet: wallet(chain.clerks.tax), credential: issued.credential, trustedIssuers, purpose: "deed tax exemption" });
  assert.equal(presented.verification.verified, true);
  const verified = await chain.commit(chain.clerks.tax, presented.call.type, presented.call.payload);
  const answer = await audit(holderKey);
  const last = answer.accesses.at(-1);
  assert.equal(answer.total, 3, "the two accesses and the verification");
  assert.deepEqual(last && [last.kind, last.tx, last.requester, last.organisation, last.owner, last.purpose, last.height, last.records, last.price], ["credential_verification", verified.hash, chain.clerks.tax.address, "tax", "housing", "deed tax exemption", verified.height, [], 0]);
  assert.deepEqual(last?.kind === "credential_verification" ? [last.credential, last.result] : [], ["urn:uuid:audited-1", "valid"]);
  assert.deepEqual(answer.accesses.slice(0, 2).map((entry) => entry.kind), ["access", "access"]);
});
