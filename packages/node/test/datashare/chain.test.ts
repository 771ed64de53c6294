import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { decodeTrusted, generateEncryptionKeyPair, subjectRecordsPerAccessMax, toHex } from "@kexin/core";
import { waitForCommitted } from "../support.ts";
import { type DatashareChain, datasetPayload, failedWith, startDatashareChain } from "./fixture.ts";

let chain: DatashareChain;
before(async () => {
  chain = await startDatashareChain();
});
after(async () => {
  await chain?.close();
});

const hash = (byte: number): string => toHex(new Uint8Array(32).fill(byte));
const record = (id: string, dataset: string, subject = hash(9)) => ({ id, dataset, hash: hash(1), size: 120, subject });

/** A value of the datashare namespace as committed, decoded. */
function storedState(key: string): unknown {
  const bytes = chain.chain.node.store.getState(`datashare/${key}`);
  return bytes === undefined ? undefined : decodeTrusted(bytes);
}

/** The outcome failed with `code` at execution, spending only the nonce: the query still answers as before. */
async function refusedAtExecution(promise: ReturnType<DatashareChain["send"]>, code: string, from: Parameters<DatashareChain["nonce"]>[0]): Promise<void> {
  const nonceBefore = await chain.nonce(from);
  const outcome = await promise;
  assert.ok(failedWith(outcome, code), `expected ${code}, got ${JSON.stringify(outcome)}`);
  assert.equal(await chain.nonce(from), nonceBefore + 1, "only the nonce was spent");
}

test("default: an organisation's admin registers a dataset owned by its organisation", async () => {
  await chain.commit(chain.admins.housing, "register_dataset", datasetPayload("housing.property"));
  const { status, body } = await chain.query("dataset", { id: "housing.property" });
  assert.equal(status, 200);
  assert.equal(body.owner, "housing");
  assert.equal(body.price, 5);
  assert.deepEqual(body.title, { zh: "不动产权证书", en: "Property certificates" });
  assert.equal(body.registeredBy, chain.admins.housing.address);
  const listed = await chain.query("datasets", {});
  assert.deepEqual((listed.body.datasets as { id: string }[]).map((dataset) => dataset.id), ["housing.property"]);
});

test("error: a member who is no admin cannot register a dataset (DATASHARE_NOT_ADMIN at admission)", async () => {
  const outcome = await chain.send(chain.clerks.housing, "register_dataset", datasetPayload("housing.clerk"));
  assert.equal(outcome.stage, "admission");
  assert.equal(outcome.code, "DATASHARE_NOT_ADMIN");
  assert.equal((await chain.query("dataset", { id: "housing.clerk" })).body.error?.code, "DATASHARE_DATASET_NOT_FOUND");
});

test("error: a dataset id taken, a schema that is not JSON or does not compile, a title without English", async () => {
  await refusedAtExecution(chain.send(chain.admins.tax, "register_dataset", datasetPayload("housing.property")), "DATASHARE_DATASET_EXISTS", chain.admins.tax);
  const notJson = { ...(datasetPayload("tax.bad-json") as object), recordSchema: "{ type: object" };
  await refusedAtExecution(chain.send(chain.admins.tax, "register_dataset", notJson), "DATASHARE_SCHEMA_INVALID", chain.admins.tax);
  const unknownType = { ...(datasetPayload("tax.bad-type") as object), recordSchema: JSON.stringify({ type: "object", properties: { a: { type: "strin" } } }) };
  await refusedAtExecution(chain.send(chain.admins.tax, "register_dataset", unknownType), "DATASHARE_SCHEMA_INVALID", chain.admins.tax);
  const notObject = { ...(datasetPayload("tax.bad-array") as object), recordSchema: JSON.stringify({ type: "array" }) };
  await refusedAtExecution(chain.send(chain.admins.tax, "register_dataset", notObject), "DATASHARE_SCHEMA_INVALID", chain.admins.tax);
  const noEnglish = { ...(datasetPayload("tax.no-english") as object), title: { zh: "税务" } };
  const outcome = await chain.send(chain.admins.tax, "register_dataset", noEnglish);
  assert.equal(outcome.code, "TX_PAYLOAD_INVALID");
  for (const id of ["tax.bad-json", "tax.bad-type", "tax.bad-array", "tax.no-english"]) assert.equal((await chain.query("dataset", { id })).status, 404, `${id} was not registered`);
});

test("default: a member registers an encryption key beside its signing key; error: a key of the wrong size or the zero point", async () => {
  const pair = generateEncryptionKeyPair(chain.suite);
  await chain.commit(chain.clerks.tax, "register_encryption_key", { publicKey: toHex(pair.publicKey) });
  const { body } = await chain.query("encryption_key", { address: chain.clerks.tax.address });
  assert.deepEqual([body.algorithm, body.publicKey], ["x25519", toHex(pair.publicKey)]);
  await refusedAtExecution(chain.send(chain.clerks.health, "register_encryption_key", { publicKey: "00".repeat(32) }), "DATASHARE_ENCRYPTION_KEY_INVALID", chain.clerks.health);
  assert.equal((await chain.send(chain.clerks.health, "register_encryption_key", { publicKey: "ab".repeat(20) })).code, "TX_PAYLOAD_INVALID");
  assert.equal((await chain.query("encryption_key", { address: chain.clerks.health.address })).status, 404);
});

test("error: publishing to a dataset of another organisation, to no dataset, or a record id twice", async () => {
  await refusedAtExecution(chain.send(chain.clerks.tax, "publish_record", record("r-tax", "housing.property")), "DATASHARE_NOT_OWNER", chain.clerks.tax);
  await refusedAtExecution(chain.send(chain.clerks.housing, "publish_record", record("r-none", "housing.nothing")), "DATASHARE_DATASET_NOT_FOUND", chain.clerks.housing);
  await chain.commit(chain.clerks.housing, "publish_record", record("r-once", "housing.property"));
  await refusedAtExecution(chain.send(chain.clerks.housing, "publish_record", record("r-once", "housing.property")), "DATASHARE_RECORD_EXISTS", chain.clerks.housing);
  const { body } = await chain.query("records", { dataset: "housing.property" });
  assert.deepEqual((body.records as { id: string; publisher: string }[]).map((entry) => [entry.id, entry.publisher]), [["r-once", chain.clerks.housing.address]]);
});

test("error: grants by an admin of another organisation, to nobody, already expired, or of unknown fields; revoking no grant", async () => {
  const head = (await chain.chain.get("/v1/status")).body.height as number;
  const grant = { dataset: "housing.property", grantee: { kind: "organisation", id: "tax" }, purpose: "tax assessment", expiresAt: head + 1_000, accessesMax: 2 };
  const outcome = await chain.send(chain.admins.tax, "grant", grant);
  assert.deepEqual([outcome.stage, outcome.code], ["admission", "DATASHARE_NOT_ADMIN"]);
  await refusedAtExecution(chain.send(chain.admins.housing, "grant", { ...grant, grantee: { kind: "organisation", id: "police" } }), "DATASHARE_GRANTEE_UNKNOWN", chain.admins.housing);
  await refusedAtExecution(chain.send(chain.admins.housing, "grant", { ...grant, grantee: { kind: "member", id: "0".repeat(40) } }), "DATASHARE_GRANTEE_UNKNOWN", chain.admins.housing);
  await refusedAtExecution(chain.send(chain.admins.housing, "grant", { ...grant, expiresAt: 1 }), "DATASHARE_EXPIRY_PASSED", chain.admins.housing);
  await refusedAtExecution(chain.send(chain.admins.housing, "grant", { ...grant, fields: ["owner", "salary"] }), "DATASHARE_FIELD_UNKNOWN", chain.admins.housing);
  await refusedAtExecution(chain.send(chain.admins.housing, "revoke", { dataset: "housing.property", grantee: { kind: "organisation", id: "tax" } }), "DATASHARE_GRANT_NOT_FOUND", chain.admins.housing);
  assert.deepEqual((await chain.query("grants", { dataset: "housing.property" })).body.grants, []);
});

test("behavior: an access checks the grant, counts it against the quota and pays the owner; revocation refuses from the next block", async () => {
  const credits = async (organisation: string) => (await chain.query("credits", { organisation })).body.balance as number;
  const [taxBefore, housingBefore] = [await credits("tax"), await credits("housing")];
  const published = await chain.commit(chain.clerks.housing, "publish_record", record("r-access", "housing.property", hash(7)));
  await refusedAtExecution(chain.send(chain.clerks.tax, "access", { record: "r-access", purpose: "tax assessment" }), "DATASHARE_NO_GRANT", chain.clerks.tax);
  const head = (await chain.chain.get("/v1/status")).body.height as number;
  await chain.commit(chain.admins.housing, "grant", { dataset: "housing.property", grantee: { kind: "organisation", id: "tax" }, fields: ["owner", "address"], purpose: "tax assessment", expiresAt: head + 1_000, accessesMax: 2 });
  const first = await chain.commit(chain.clerks.tax, "access", { record: "r-access", purpose: "tax assessment" });
  assert.deepEqual([await credits("tax"), await credits("housing")], [taxBefore - 5, housingBefore + 5], "the requester paid the owner the dataset's price");
  assert.deepEqual(first.events.find((event) => event.type === "accessed")?.attributes, { dataset: "housing.property", organisation: "tax", records: ["r-access"], price: 5 });
  // The state layout the app hash commits to (docs/datashare.md, "State layout"): arrays without the field that is the key, the grant's count apart.
  assert.deepEqual(storedState(`access/${first.hash}`), [chain.clerks.tax.address, "tax", "housing.property", "housing", ["r-access"], "tax assessment", first.height, 5, "organisation", "tax", ["address", "owner"]]);
  assert.deepEqual(storedState("record/r-access"), ["housing.property", hash(1), 120, hash(7), chain.clerks.housing.address, published.height, published.hash]);
  assert.deepEqual((storedState("dataset/housing.property") as unknown[]).slice(0, 2), ["不动产权证书", "Property certificates"]);
  assert.deepEqual((storedState("dataset/housing.property") as unknown[]).slice(3, 7), ["important", 5, "housing", chain.admins.housing.address]);
  assert.equal(storedState("grant_accesses/housing.property/organisation:tax"), 1);
  assert.equal((storedState("grant/housing.property/organisation:tax") as Record<string, unknown>).accesses, undefined, "the grant itself holds no count");
  const second = await chain.commit(chain.clerks.tax, "access", { dataset: "housing.property", subject: hash(7), purpose: "tax assessment" });
  await refusedAtExecution(chain.send(chain.clerks.tax, "access", { record: "r-access", purpose: "tax assessment" }), "DATASHARE_QUOTA_EXHAUSTED", chain.clerks.tax);
  assert.deepEqual([await credits("tax"), await credits("housing")], [taxBefore - 10, housingBefore + 10], "a refused access moved nothing");

  const accesses = (await chain.query("accesses", { dataset: "housing.property" })).body.accesses as { tx: string; records: string[]; requester: string; price: number; purpose: string }[];
  assert.deepEqual(accesses.map((entry) => [entry.tx, entry.records, entry.requester, entry.price]), [
    [first.hash, ["r-access"], chain.clerks.tax.address, 5],
    [second.hash, ["r-access"], chain.clerks.tax.address, 5],
  ]);
  assert.deepEqual(((await chain.query("accesses", { organisation: "tax" })).body.accesses as { tx: string }[]).map((entry) => entry.tx), [first.hash, second.hash]);
  assert.deepEqual(((await chain.query("accesses", { organisation: "tax", limit: 1 })).body.accesses as { tx: string }[]).map((entry) => entry.tx), [first.hash], "limit keeps the oldest");
  assert.equal((await chain.query("accesses", { organisation: "tax", limit: "01" })).body.error?.code, "API_INVALID_INTEGER");
  assert.equal((await chain.query("accesses", { organisation: "tax", dataset: "housing.property" })).body.error?.code, "DATASHARE_QUERY_INVALID");
  assert.equal((await chain.query("accesses", {})).body.error?.code, "DATASHARE_QUERY_INVALID");
  const [grant] = (await chain.query("grants", { dataset: "housing.property" })).body.grants as { accesses: number }[];
  assert.equal(grant?.accesses, 2);

  // A fresh grant replaces the old one and its count; its revocation takes effect from the next block.
  const height = (await chain.chain.get("/v1/status")).body.height as number;
  await chain.commit(chain.admins.housing, "grant", { dataset: "housing.property", grantee: { kind: "organisation", id: "tax" }, purpose: "tax assessment", expiresAt: height + 1_000, accessesMax: 10 });
  const grantAccesses = async () => ((await chain.query("grants", { dataset: "housing.property" })).body.grants as { accesses: number; revokedFrom?: number }[])[0];
  assert.equal((await grantAccesses())?.accesses, 0, "the fresh grant's count starts again");
  await chain.commit(chain.clerks.tax, "access", { record: "r-access", purpose: "tax assessment" });
  assert.equal((await grantAccesses())?.accesses, 1);
  const revoked = await chain.commit(chain.admins.housing, "revoke", { dataset: "housing.property", grantee: { kind: "organisation", id: "tax" } });
  assert.equal(revoked.events.find((event) => event.type === "revoked")?.attributes.revokedFrom, revoked.height + 1);
  const afterRevocation = await grantAccesses();
  assert.deepEqual([afterRevocation?.accesses, afterRevocation?.revokedFrom], [1, revoked.height + 1], "a revocation keeps the count");
  await refusedAtExecution(chain.send(chain.clerks.tax, "access", { record: "r-access", purpose: "tax assessment" }), "DATASHARE_GRANT_REVOKED", chain.clerks.tax);
});

test("behavior: reading one's own organisation's data is recorded and earns nothing", async () => {
  const before = (await chain.query("credits", { organisation: "housing" })).body.balance;
  const own = await chain.commit(chain.clerks.housing, "access", { record: "r-once", purpose: "internal check" });
  assert.equal((await chain.query("credits", { organisation: "housing" })).body.balance, before);
  const listed = (await chain.query("accesses", { organisation: "housing" })).body.accesses as { tx: string; price: number }[];
  assert.deepEqual(listed.map((entry) => [entry.tx, entry.price]), [[own.hash, 0]]);
});

test("error: an access without credits names the balance and the price (DATASHARE_NO_CREDITS); an expired grant refuses", async () => {
  const head = (await chain.chain.get("/v1/status")).body.height as number;
  await chain.commit(chain.admins.housing, "grant", { dataset: "housing.property", grantee: { kind: "member", id: chain.clerks.health.address }, purpose: "care", expiresAt: head + 1_000, accessesMax: 5 });
  const outcome = await chain.send(chain.clerks.health, "access", { record: "r-once", purpose: "care" });
  assert.ok(failedWith(outcome, "DATASHARE_NO_CREDITS"));
  assert.match(outcome.message, /has 0 credits; an access to "housing.property" costs 5/);

  const now = (await chain.chain.get("/v1/status")).body.height as number;
  const short = await chain.commit(chain.admins.housing, "grant", { dataset: "housing.property", grantee: { kind: "member", id: chain.clerks.tax.address }, purpose: "audit", expiresAt: now + 2, accessesMax: 5 });
  // Each committed transaction makes a block on a solo chain, so two more pass the expiry height.
  await chain.commit(chain.clerks.housing, "publish_record", record("r-filler-1", "housing.property"));
  await chain.commit(chain.clerks.housing, "publish_record", record("r-filler-2", "housing.property"));
  assert.ok(((await chain.chain.get("/v1/status")).body.height as number) >= now + 2, `the chain passed the grant's expiry (granted at ${short.height})`);
  await refusedAtExecution(chain.send(chain.clerks.tax, "access", { record: "r-once", purpose: "audit" }), "DATASHARE_GRANT_EXPIRED", chain.clerks.tax);
  await refusedAtExecution(chain.send(chain.clerks.tax, "access", { dataset: "housing.property", subject: hash(3), purpose: "audit" }), "DATASHARE_SUBJECT_NOT_FOUND", chain.clerks.tax);
  await refusedAtExecution(chain.send(chain.clerks.tax, "access", { record: "r-nothing", purpose: "audit" }), "DATASHARE_RECORD_NOT_FOUND", chain.clerks.tax);
});

/** Publishes `count` records of one subject in as few blocks as the mempool allows: signed with consecutive nonces, waiting only for the last. */
async function publishMany(dataset: string, subject: string, count: number, prefix: string): Promise<void> {
  const nonce = await chain.nonce(chain.clerks.housing);
  let last = "";
  for (let offset = 0; offset < count; offset++) {
    const signed = await chain.chain.sign(chain.clerks.housing, { module: "datashare", type: "publish_record", payload: record(`${prefix}-${String(offset).padStart(3, "0")}`, dataset, subject) }, { nonce: nonce + offset });
    assert.equal((await chain.chain.post("/v1/txs", { tx: signed.hex })).status, 202);
    last = signed.hash;
  }
  await waitForCommitted(chain.chain, last, 30_000);
}

test("behavior: an access by subject covers every one of the subject's records up to subjectRecordsPerAccessMax, for one price; one more is refused with DATASHARE_SUBJECT_RECORDS_TOO_MANY", async () => {
  await chain.commit(chain.admins.housing, "register_dataset", datasetPayload("housing.many", 3));
  const head = (await chain.chain.get("/v1/status")).body.height as number;
  await chain.commit(chain.admins.housing, "grant", { dataset: "housing.many", grantee: { kind: "organisation", id: "tax" }, purpose: "audit", expiresAt: head + 10_000, accessesMax: 10 });
  const subject = hash(0x42);
  await publishMany("housing.many", subject, subjectRecordsPerAccessMax, "many");
  const creditsOf = async (organisation: string) => (await chain.query("credits", { organisation })).body.balance as number;
  const taxBefore = await creditsOf("tax");
  const covered = await chain.commit(chain.clerks.tax, "access", { dataset: "housing.many", subject, purpose: "audit" });
  const [entry] = (await chain.query("accesses", { dataset: "housing.many" })).body.accesses as { tx: string; records: string[]; price: number }[];
  assert.equal(entry?.tx, covered.hash);
  assert.equal(entry?.records.length, subjectRecordsPerAccessMax, "all of the subject's records, not the first 16");
  assert.deepEqual(entry?.records, [...entry.records].sort(), "in record id order");
  assert.equal(entry?.price, 3, "one access, one price, however many records it covers");
  assert.equal(await creditsOf("tax"), taxBefore - 3);

  await publishMany("housing.many", subject, 1, "many-extra");
  const outcome = await chain.send(chain.clerks.tax, "access", { dataset: "housing.many", subject, purpose: "audit" });
  assert.ok(failedWith(outcome, "DATASHARE_SUBJECT_RECORDS_TOO_MANY"), JSON.stringify(outcome));
  assert.match(outcome.stage === "committed" ? outcome.message : "", new RegExp(`more than ${subjectRecordsPerAccessMax} records`));
  assert.equal(await creditsOf("tax"), taxBefore - 3, "the refused access moved nothing");
  // A record of the subject is still read by its id.
  await chain.commit(chain.clerks.tax, "access", { record: "many-extra-000", purpose: "audit" });
});
