import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { decodeEncodedList, statusBit, toHex } from "@kexin/core";
import { waitForCommitted } from "../support.ts";
import { type DatashareChain, type Outcome, datasetPayload, failedWith, startDatashareChain } from "./fixture.ts";

let chain: DatashareChain;
before(async () => {
  chain = await startDatashareChain();
});
after(async () => {
  await chain?.close();
});

const hash = (byte: number): string => toHex(new Uint8Array(32).fill(byte));
const issue = (id: string, statusIndex: number, byte = 1) => ({ id, hash: hash(byte), statusIndex });

/** Failed at execution with `code`: only the signer's nonce moved, and the credential reads as `before`. */
async function refused(outcome: Promise<Outcome>, code: string, from: Parameters<DatashareChain["nonce"]>[0], id: string): Promise<void> {
  const nonceBefore = await chain.nonce(from);
  const credentialBefore = await chain.query("credential", { id });
  const settled = await outcome;
  assert.ok(failedWith(settled, code), `expected ${code}, got ${JSON.stringify(settled)}`);
  assert.equal(await chain.nonce(from), nonceBefore + 1, "only the nonce was spent");
  assert.deepEqual(await chain.query("credential", { id }), credentialBefore);
}

async function revokedBits(issuer: string, indices: number[], purpose: "revocation" | "suspension" = "revocation"): Promise<boolean[]> {
  const { status, body } = await chain.query("credential_status_list", purpose === "revocation" ? { issuer } : { issuer, purpose });
  assert.equal(status, 200);
  assert.equal(body.statusPurpose, purpose);
  const bitstring = await decodeEncodedList(body.encodedList as string);
  assert.equal(bitstring.length, 16 * 1024, "the list is the Bitstring Status List's minimum size");
  return indices.map((index) => statusBit(bitstring, index));
}

test("default: a department's admin records an issued credential: id, hash, issuer and status index, active", async () => {
  const outcome = await chain.commit(chain.admins.housing, "issue_credential", issue("urn:uuid:property-1", 4_242));
  const { status, body } = await chain.query("credential", { id: "urn:uuid:property-1" });
  assert.equal(status, 200);
  assert.deepEqual(body, { id: "urn:uuid:property-1", hash: hash(1), statusIndex: 4_242, issuer: "housing", issuedBy: chain.admins.housing.address, issuedAt: outcome.height, tx: outcome.hash, status: "active" });
  assert.deepEqual((await chain.query("credential_status_index", { issuer: "housing", index: 4_242 })).body, { issuer: "housing", index: 4_242, credential: "urn:uuid:property-1" });
  assert.deepEqual((await chain.query("credential_status_index", { issuer: "housing", index: 4_243 })).body, { issuer: "housing", index: 4_243 });
  assert.deepEqual(await revokedBits("housing", [4_242]), [false]);
});

test("error: a member without the credential_issuer role cannot issue (DATASHARE_NOT_ISSUER at admission); with it, it can", async () => {
  const outcome = await chain.send(chain.clerks.housing, "issue_credential", issue("urn:uuid:clerk-1", 7));
  assert.deepEqual([outcome.stage, outcome.code], ["admission", "DATASHARE_NOT_ISSUER"]);
  assert.equal((await chain.query("credential", { id: "urn:uuid:clerk-1" })).body.error?.code, "DATASHARE_CREDENTIAL_NOT_FOUND");
  const setRoles = await chain.chain.sign(chain.admins.housing, { module: "identity", type: "set_roles", payload: { address: chain.clerks.housing.address, roles: ["credential_issuer"] } });
  assert.equal((await chain.chain.post("/v1/txs", { tx: setRoles.hex })).status, 202);
  await waitForCommitted(chain.chain, setRoles.hash, 30_000);
  await chain.commit(chain.clerks.housing, "issue_credential", issue("urn:uuid:clerk-1", 7));
  assert.equal((await chain.query("credential", { id: "urn:uuid:clerk-1" })).body.issuedBy, chain.clerks.housing.address);
});

test("error: an id issued already, an index of the issuer's list taken, a payload off its schema", async () => {
  await refused(chain.send(chain.admins.housing, "issue_credential", issue("urn:uuid:property-1", 9, 2)), "DATASHARE_CREDENTIAL_EXISTS", chain.admins.housing, "urn:uuid:property-1");
  await refused(chain.send(chain.admins.housing, "issue_credential", issue("urn:uuid:property-2", 4_242, 2)), "DATASHARE_STATUS_INDEX_TAKEN", chain.admins.housing, "urn:uuid:property-2");
  // Another issuer's list is another list: the same index is free there.
  await chain.commit(chain.admins.tax, "issue_credential", issue("urn:uuid:tax-1", 4_242, 3));
  for (const payload of [issue("not a uri", 1), issue("urn:uuid:x", 131_072), { ...issue("urn:uuid:x", 1), body: { name: "张三" } }]) {
    assert.equal((await chain.send(chain.admins.housing, "issue_credential", payload)).code, "TX_PAYLOAD_INVALID");
  }
});

test("default: a department records its verification of a presented credential with the chain's verdict; a wrong hash is recorded as hash_mismatch", async () => {
  const valid = await chain.commit(chain.clerks.tax, "verify_credential", { id: "urn:uuid:property-1", hash: hash(1), purpose: "property tax assessment" });
  assert.deepEqual(valid.events.find((event) => event.type === "credential_verified")?.attributes.result, "valid");
  const mismatch = await chain.commit(chain.clerks.health, "verify_credential", { id: "urn:uuid:property-1", hash: hash(7), purpose: "housing subsidy" });
  const { body } = await chain.query("credential_verifications", { credential: "urn:uuid:property-1" });
  assert.deepEqual(
    (body.verifications as { tx: string; verifier: string; organisation: string; issuer: string; purpose: string; height: number; result: string }[]).map((entry) => [entry.tx, entry.verifier, entry.organisation, entry.issuer, entry.purpose, entry.height, entry.result]),
    [
      [valid.hash, chain.clerks.tax.address, "tax", "housing", "property tax assessment", valid.height, "valid"],
      [mismatch.hash, chain.clerks.health.address, "health", "housing", "housing subsidy", mismatch.height, "hash_mismatch"],
    ],
  );
  assert.deepEqual(((await chain.query("credential_verifications", { organisation: "tax" })).body.verifications as { tx: string }[]).map((entry) => entry.tx), [valid.hash]);
  assert.equal(((await chain.query("credential_verifications", { issuer: "housing" })).body.verifications as unknown[]).length, 2);
  assert.equal((await chain.query("credential_verifications", {})).body.error?.code, "DATASHARE_QUERY_INVALID");
  assert.equal((await chain.query("credential_verifications", { organisation: "tax", issuer: "housing" })).body.error?.code, "DATASHARE_QUERY_INVALID");
  await refused(chain.send(chain.clerks.tax, "verify_credential", { id: "urn:uuid:never-issued", hash: hash(1), purpose: "checking" }), "DATASHARE_CREDENTIAL_NOT_FOUND", chain.clerks.tax, "urn:uuid:never-issued");
});

test("default: the issuer revokes: the bit of its index is set in its status list, and later verifications say revoked", async () => {
  await refused(chain.send(chain.admins.tax, "revoke_credential", { id: "urn:uuid:property-1" }), "DATASHARE_NOT_ISSUER", chain.admins.tax, "urn:uuid:property-1");
  await refused(chain.send(chain.admins.housing, "revoke_credential", { id: "urn:uuid:never-issued" }), "DATASHARE_CREDENTIAL_NOT_FOUND", chain.admins.housing, "urn:uuid:never-issued");
  assert.equal((await chain.send(chain.clerks.tax, "revoke_credential", { id: "urn:uuid:property-1" })).code, "DATASHARE_NOT_ISSUER");
  const revoked = await chain.commit(chain.admins.housing, "revoke_credential", { id: "urn:uuid:property-1", reason: "property sold" });
  const { body } = await chain.query("credential", { id: "urn:uuid:property-1" });
  assert.deepEqual([body.status, body.revokedAt, body.revokedBy, body.reason], ["revoked", revoked.height, chain.admins.housing.address, "property sold"]);
  assert.deepEqual(await revokedBits("housing", [4_242, 4_241, 4_243, 7]), [true, false, false, false]);
  assert.deepEqual(await revokedBits("tax", [4_242]), [false], "the tax list is another list");
  await refused(chain.send(chain.admins.housing, "revoke_credential", { id: "urn:uuid:property-1" }), "DATASHARE_CREDENTIAL_REVOKED", chain.admins.housing, "urn:uuid:property-1");
  const after = await chain.commit(chain.clerks.tax, "verify_credential", { id: "urn:uuid:property-1", hash: hash(1), purpose: "property tax assessment" });
  assert.equal(after.events.find((event) => event.type === "credential_verified")?.attributes.result, "revoked");
});

type ListedEntry = { kind: string; tx: string; requester: string; organisation: string; owner: string; dataset?: string; records: string[]; purpose: string; height: number; price: number; time: number; credential?: string; result?: string };
const listed = async (parameters: Record<string, string>): Promise<ListedEntry[]> => (await chain.query("accesses", parameters)).body.accesses as ListedEntry[];

test("behavior: a credential issued naming a dataset and a subject: each verification is listed with the accesses of the dataset, by the verifying organisation and account, with verifier, purpose, verdict and transaction", async () => {
  await chain.commit(chain.admins.housing, "register_dataset", datasetPayload("housing.certificates", 2));
  await chain.commit(chain.admins.tax, "register_dataset", datasetPayload("tax.returns", 2));
  const subject = hash(0x5a);
  await refused(chain.send(chain.admins.housing, "issue_credential", { ...issue("urn:uuid:named-0", 100), dataset: "tax.returns" }), "DATASHARE_NOT_OWNER", chain.admins.housing, "urn:uuid:named-0");
  await refused(chain.send(chain.admins.housing, "issue_credential", { ...issue("urn:uuid:named-0", 100), dataset: "housing.nothing" }), "DATASHARE_DATASET_NOT_FOUND", chain.admins.housing, "urn:uuid:named-0");
  assert.equal((await chain.send(chain.admins.housing, "issue_credential", { ...issue("urn:uuid:named-0", 100), subject: "not hex" })).code, "TX_PAYLOAD_INVALID");
  await chain.commit(chain.admins.housing, "issue_credential", { ...issue("urn:uuid:named-1", 101, 4), dataset: "housing.certificates", subject });
  assert.deepEqual(
    [(await chain.query("credential", { id: "urn:uuid:named-1" })).body.dataset, (await chain.query("credential", { id: "urn:uuid:named-1" })).body.subject],
    ["housing.certificates", subject],
  );
  const tax = await chain.commit(chain.clerks.tax, "verify_credential", { id: "urn:uuid:named-1", hash: hash(4), purpose: "deed tax" });
  const health = await chain.commit(chain.clerks.health, "verify_credential", { id: "urn:uuid:named-1", hash: hash(5), purpose: "care allowance" });
  const time = async (height: number) => ((await chain.chain.get(`/v1/blocks/${height}`)).body as { header: { time: number } }).header.time;
  const expected = (outcome: typeof tax, requester: string, organisation: string, purpose: string, result: string) =>
    (async () => ({ kind: "credential_verification", tx: outcome.hash, requester, organisation, owner: "housing", dataset: "housing.certificates", records: [], purpose, height: outcome.height, price: 0, time: await time(outcome.height), credential: "urn:uuid:named-1", result }))();
  const taxEntry = await expected(tax, chain.clerks.tax.address, "tax", "deed tax", "valid");
  const healthEntry = await expected(health, chain.clerks.health.address, "health", "care allowance", "hash_mismatch");
  assert.deepEqual(await listed({ dataset: "housing.certificates" }), [taxEntry, healthEntry]);
  assert.deepEqual((await listed({ organisation: "tax" })).filter((entry) => entry.kind === "credential_verification").at(-1), taxEntry);
  assert.deepEqual((await listed({ requester: chain.clerks.health.address })).at(-1), healthEntry);
  assert.deepEqual(await listed({ dataset: "tax.returns" }), [], "another dataset's list is untouched");
  assert.equal((await chain.query("accesses", { requester: chain.clerks.tax.address, organisation: "tax" })).body.error?.code, "DATASHARE_QUERY_INVALID");
});

test("behavior: a credential issued naming nothing is listed by the verifying organisation and account only; the requester list holds accesses too", async () => {
  const before = (await listed({ organisation: "health" })).length;
  const verified = await chain.commit(chain.clerks.health, "verify_credential", { id: "urn:uuid:tax-1", hash: hash(3), purpose: "benefit check" });
  const byOrganisation = await listed({ organisation: "health" });
  assert.equal(byOrganisation.length, before + 1);
  assert.deepEqual([byOrganisation.at(-1)?.tx, byOrganisation.at(-1)?.dataset, byOrganisation.at(-1)?.owner, byOrganisation.at(-1)?.result], [verified.hash, undefined, "tax", "valid"]);
  const head = (await chain.chain.get("/v1/status")).body.height as number;
  await chain.commit(chain.clerks.housing, "publish_record", { id: "cert-listed", dataset: "housing.certificates", hash: hash(1), size: 10, subject: hash(0x5a) });
  await chain.commit(chain.admins.housing, "grant", { dataset: "housing.certificates", grantee: { kind: "organisation", id: "tax" }, purpose: "tax", expiresAt: head + 1_000, accessesMax: 3 });
  const read = await chain.commit(chain.clerks.tax, "access", { record: "cert-listed", purpose: "deed tax" });
  const byRequester = await listed({ requester: chain.clerks.tax.address });
  assert.deepEqual(
    byRequester.map((entry) => [entry.kind, entry.tx]).slice(-2),
    [
      ["credential_verification", byRequester.at(-2)?.tx],
      ["access", read.hash],
    ],
  );
  assert.deepEqual(byRequester.at(-1)?.records, ["cert-listed"]);
});

test("default: the issuer suspends a credential and reinstates it: the bit of its index in the suspension list is set, then cleared; verifications meanwhile say suspended", async () => {
  const id = "urn:uuid:named-1";
  await refused(chain.send(chain.admins.tax, "suspend_credential", { id }), "DATASHARE_NOT_ISSUER", chain.admins.tax, id);
  await refused(chain.send(chain.admins.housing, "reinstate_credential", { id }), "DATASHARE_CREDENTIAL_NOT_SUSPENDED", chain.admins.housing, id);
  assert.equal((await chain.send(chain.clerks.tax, "suspend_credential", { id })).code, "DATASHARE_NOT_ISSUER", "at admission");
  const suspended = await chain.commit(chain.admins.housing, "suspend_credential", { id, reason: "ownership disputed" });
  const record = (await chain.query("credential", { id })).body;
  assert.deepEqual([record.status, record.suspendedAt, record.suspendedBy, record.suspensionReason], ["suspended", suspended.height, chain.admins.housing.address, "ownership disputed"]);
  assert.deepEqual(await revokedBits("housing", [101, 100, 102], "suspension"), [true, false, false]);
  assert.deepEqual(await revokedBits("housing", [101]), [false], "the revocation list is another list");
  await refused(chain.send(chain.admins.housing, "suspend_credential", { id }), "DATASHARE_CREDENTIAL_SUSPENDED", chain.admins.housing, id);
  const during = await chain.commit(chain.clerks.tax, "verify_credential", { id, hash: hash(4), purpose: "deed tax" });
  assert.equal(during.events.find((event) => event.type === "credential_verified")?.attributes.result, "suspended");
  assert.equal((await listed({ dataset: "housing.certificates" })).at(-1)?.result, "suspended");

  await chain.commit(chain.admins.housing, "reinstate_credential", { id });
  const reinstated = (await chain.query("credential", { id })).body;
  assert.deepEqual([reinstated.status, reinstated.suspendedAt, reinstated.suspensionReason], ["active", undefined, undefined]);
  assert.deepEqual(await revokedBits("housing", [101], "suspension"), [false]);
  const after = await chain.commit(chain.clerks.tax, "verify_credential", { id, hash: hash(4), purpose: "deed tax" });
  assert.equal(after.events.find((event) => event.type === "credential_verified")?.attributes.result, "valid");
  assert.equal((await chain.query("credential_status_list", { issuer: "housing", purpose: "expiry" })).status, 400);
});

test("behavior: a suspended credential can be revoked, and a revoked one neither suspended nor reinstated (DATASHARE_CREDENTIAL_REVOKED)", async () => {
  const id = "urn:uuid:clerk-1";
  await chain.commit(chain.admins.housing, "suspend_credential", { id });
  await chain.commit(chain.admins.housing, "revoke_credential", { id, reason: "fraud" });
  const record = (await chain.query("credential", { id })).body;
  assert.equal(record.status, "revoked");
  assert.deepEqual(await revokedBits("housing", [7]), [true]);
  await refused(chain.send(chain.admins.housing, "reinstate_credential", { id }), "DATASHARE_CREDENTIAL_REVOKED", chain.admins.housing, id);
  await refused(chain.send(chain.admins.housing, "suspend_credential", { id: "urn:uuid:property-1" }), "DATASHARE_CREDENTIAL_REVOKED", chain.admins.housing, "urn:uuid:property-1");
});

test("default: verifications page by start and limit in commit order across the 16-entry pages they are kept in, by credential, organisation and issuer", async () => {
  // An id with "/" in it: the list's name escapes it.
  const id = "urn:example:pages/1";
  await chain.commit(chain.admins.tax, "issue_credential", issue(id, 11, 5));
  const byHealthBefore = (await chain.query("credential_verifications", { organisation: "health", limit: 1_000 })).body.total as number;
  const byIssuerBefore = (await chain.query("credential_verifications", { issuer: "tax", limit: 1_000 })).body.total as number;
  const verifications: string[] = [];
  for (let count = 0; count < 18; count++) verifications.push((await chain.commit(chain.clerks.health, "verify_credential", { id, hash: hash(5), purpose: `check ${count}` })).hash);

  const pages: { total: number; start: number; next: number | null; txs: string[] }[] = [];
  let start: number | null = 0;
  while (start !== null && pages.length < 10) {
    const { status, body } = await chain.query("credential_verifications", { credential: id, start, limit: 5 });
    assert.equal(status, 200, JSON.stringify(body));
    pages.push({ total: body.total as number, start: body.start as number, next: body.next as number | null, txs: (body.verifications as { tx: string }[]).map((entry) => entry.tx) });
    start = body.next as number | null;
  }
  assert.deepEqual(
    pages.map((page) => [page.total, page.start, page.next, page.txs.length]),
    [
      [18, 0, 5, 5],
      [18, 5, 10, 5],
      [18, 10, 15, 5],
      [18, 15, null, 3],
    ],
  );
  assert.deepEqual(
    pages.flatMap((page) => page.txs),
    verifications,
  );
  const byHealth = (await chain.query("credential_verifications", { organisation: "health", start: byHealthBefore })).body;
  assert.deepEqual([byHealth.total, (byHealth.verifications as { tx: string }[]).map((entry) => entry.tx), byHealth.next], [byHealthBefore + 18, verifications, null]);
  const byIssuer = (await chain.query("credential_verifications", { issuer: "tax", start: byIssuerBefore + 16, limit: 1 })).body;
  assert.deepEqual([(byIssuer.verifications as { tx: string; purpose: string }[]).map((entry) => [entry.tx, entry.purpose]), byIssuer.next], [[[verifications[16], "check 16"]], byIssuerBefore + 17]);
  assert.deepEqual((await chain.query("credential_verifications", { credential: "urn:example:pages" })).body.total, 0, "another credential's list, though its id is a prefix");
  assert.equal((await chain.query("credential_verifications", { credential: id, limit: 1_001 })).status, 400);
  assert.equal((await chain.query("credential_verifications", { credential: id, start: "x" })).body.error?.code, "API_INVALID_INTEGER");
});
