import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { toHex } from "@kexin/core";
import { type DatashareChain, datasetPayload, startDatashareChain } from "./fixture.ts";

let chain: DatashareChain;
before(async () => {
  chain = await startDatashareChain();
});
after(async () => {
  await chain?.close();
});

const hash = (byte: number): string => toHex(new Uint8Array(32).fill(byte));

/** Every page of a list query, following `next` from 0 with pages of `limit`. */
async function allPages(name: string, parameters: Record<string, string | number>, field: string, limit: number): Promise<{ pages: number; entries: Record<string, unknown>[]; totals: number[] }> {
  const entries: Record<string, unknown>[] = [];
  const totals: number[] = [];
  let start: number | null = 0;
  let pages = 0;
  while (start !== null && pages < 20) {
    const { status, body } = await chain.query(name, { ...parameters, start, limit });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.start, start);
    entries.push(...(body[field] as Record<string, unknown>[]));
    totals.push(body.total as number);
    start = body.next as number | null;
    pages++;
  }
  return { pages, entries, totals };
}

test("default: the catalogue, a dataset's records, grants and accesses page by start and limit in the order committed, with next null after the last", async () => {
  // Registered out of id order: the list keeps the order of registration.
  const datasets = ["housing.z-last", "housing.a-first", "housing.m-middle", "housing.b-second", "housing.y-fifth"];
  for (const id of datasets) await chain.commit(chain.admins.housing, "register_dataset", datasetPayload(id, 1));
  const catalogue = await allPages("datasets", {}, "datasets", 2);
  assert.equal(catalogue.pages, 3);
  assert.deepEqual(catalogue.totals, [5, 5, 5]);
  assert.deepEqual(catalogue.entries.map((entry) => entry.id), datasets);

  const records = ["r-3", "r-1", "r-2"];
  for (const id of records) await chain.commit(chain.clerks.housing, "publish_record", { id, dataset: "housing.a-first", hash: hash(1), size: 10, subject: hash(7) });
  const listed = await allPages("records", { dataset: "housing.a-first" }, "records", 2);
  assert.deepEqual([listed.pages, listed.entries.map((entry) => entry.id)], [2, records]);

  const head = (await chain.chain.get("/v1/status")).body.height as number;
  const grantTo = (grantee: { kind: string; id: string }, accessesMax: number) => ({ dataset: "housing.a-first", grantee, purpose: "audit", expiresAt: head + 1_000, accessesMax });
  await chain.commit(chain.admins.housing, "grant", grantTo({ kind: "organisation", id: "tax" }, 5));
  await chain.commit(chain.admins.housing, "grant", grantTo({ kind: "member", id: chain.clerks.health.address }, 5));
  // A new grant to the same grantee replaces the old one in place: still two grants.
  await chain.commit(chain.admins.housing, "grant", grantTo({ kind: "organisation", id: "tax" }, 9));
  const grants = await allPages("grants", { dataset: "housing.a-first" }, "grants", 1);
  assert.deepEqual(
    grants.entries.map((entry) => [(entry.grantee as { id: string }).id, entry.accessesMax]),
    [
      ["tax", 9],
      [chain.clerks.health.address, 5],
    ],
  );
  assert.equal(grants.pages, 2);

  const accesses: string[] = [];
  for (const record of records) accesses.push((await chain.commit(chain.clerks.tax, "access", { record, purpose: `check ${record}` })).hash);
  const byDataset = await allPages("accesses", { dataset: "housing.a-first" }, "accesses", 2);
  assert.deepEqual(
    byDataset.entries.map((entry) => [entry.tx, entry.records, entry.purpose]),
    records.map((record, position) => [accesses[position], [record], `check ${record}`]),
  );
  const blockTimes = await Promise.all(byDataset.entries.map(async (entry) => (await chain.chain.get(`/v1/blocks/${entry.height as number}`)).body));
  assert.deepEqual(
    byDataset.entries.map((entry) => entry.time),
    blockTimes.map((block) => (block as { header: { time: number } }).header.time),
    "each access carries its block's time",
  );
  const byOrganisation = await allPages("accesses", { organisation: "tax" }, "accesses", 100);
  assert.deepEqual([byOrganisation.pages, byOrganisation.entries.map((entry) => entry.tx)], [1, accesses]);
});

test("behavior: a start past the end answers an empty page; a limit above 1,000 or a start that is not a number is refused", async () => {
  const { body } = await chain.query("datasets", { start: 99 });
  assert.deepEqual([body.datasets, body.next, body.start], [[], null, body.total]);
  assert.equal((await chain.query("datasets", { limit: 1_001 })).status, 400);
  assert.equal((await chain.query("datasets", { start: "x" })).body.error?.code, "API_INVALID_INTEGER");
  const empty = await chain.query("accesses", { organisation: "health" });
  assert.deepEqual([empty.body.accesses, empty.body.total, empty.body.next], [[], 0, null]);
});

test("default: a requester's accesses page in commit order across the 16-entry pages the index keeps them in", async () => {
  await chain.commit(chain.admins.tax, "register_dataset", datasetPayload("tax.pages", 1));
  await chain.commit(chain.clerks.tax, "publish_record", { id: "t-pages", dataset: "tax.pages", hash: hash(2), size: 10, subject: hash(8) });
  const requester = chain.clerks.tax.address;
  const before = await allPages("accesses", { requester }, "accesses", 1_000);
  // Reading its own organisation's record costs nothing and needs no grant; 20 accesses fill more than one page.
  const accesses: string[] = [];
  for (let count = 0; count < 20; count++) accesses.push((await chain.commit(chain.clerks.tax, "access", { record: "t-pages", purpose: `page ${count}` })).hash);
  const after = await allPages("accesses", { requester }, "accesses", 7);
  assert.deepEqual(
    after.entries.map((entry) => entry.tx),
    [...before.entries.map((entry) => entry.tx), ...accesses],
  );
  assert.equal(after.totals[0], before.entries.length + 20);
});
