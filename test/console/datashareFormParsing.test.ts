import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { recordFields, recordFromFields, recordFromJson, schemaAllowsFractions, schemaPropertyNames } from "../../packages/console/src/pages/datashare/recordForm.ts";
import { accessState, grantState, localPage } from "../../packages/console/src/pages/datashare/grantStates.ts";
import { parseWholeNumber } from "../../packages/console/src/pages/datashare/wholeNumber.ts";
import type { CredentialVerificationEntry, GrantRecord, RecordAccessEntry } from "@kexin/core";
import { propertySchema } from "../../packages/node/test/datashare/fixture.ts";

describe("console: numbers and records typed in the Data sharing forms", () => {
  test("default: whole numbers in range", () => {
    assert.deepEqual(parseWholeNumber(" 42 ", 1, 100), { ok: true, value: 42 });
    assert.deepEqual(parseWholeNumber("1", 1, 1), { ok: true, value: 1 });
  });

  test("error: a fraction or an exponent is named as such, even when its value is whole", () => {
    for (const text of ["2.5", "3.0", "1e3", ".5"]) assert.deepEqual(parseWholeNumber(text, 1, 10_000), { ok: false, problem: { kind: "float", text } }, text);
  });

  test("error: out of range, negative or not a number", () => {
    for (const text of ["0", "101", "-1", "", "ten", "0x10"]) assert.deepEqual(parseWholeNumber(text, 1, 100), { ok: false, problem: { kind: "range", min: 1, max: 100 } }, text);
  });

  test("behavior: a flat schema gives one field per property, with its type and whether it is required", () => {
    assert.deepEqual(recordFields(propertySchema), [
      { name: "owner", type: "string", required: true },
      { name: "address", type: "string", required: true },
      { name: "areaSquareMetres", type: "number", required: false },
    ]);
  });

  test("behavior: the fields a grant may name are the schema's top-level properties", () => {
    assert.deepEqual(schemaPropertyNames(propertySchema), ["owner", "address", "areaSquareMetres"]);
    assert.deepEqual(schemaPropertyNames("{"), []);
  });

  test("behavior: a schema with nested or untyped properties is typed as JSON only", () => {
    assert.equal(recordFields(JSON.stringify({ type: "object", properties: { owners: { type: "array" } } })), undefined);
    assert.equal(recordFields(JSON.stringify({ type: "object", properties: { any: {} } })), undefined);
    assert.equal(recordFields("not json"), undefined);
  });

  test("behavior: fields become the record; empty fields are left out for the schema to judge", () => {
    const fields = [
      { name: "name", type: "string", required: true },
      { name: "rooms", type: "integer", required: false },
      { name: "area", type: "number", required: false },
      { name: "mortgaged", type: "boolean", required: false },
    ] as const;
    assert.deepEqual(recordFromFields(fields, { name: "张三", rooms: "3", area: "88.5", mortgaged: "true" }), { ok: true, value: { name: "张三", rooms: 3, area: 88.5, mortgaged: true } });
    assert.deepEqual(recordFromFields(fields, { rooms: " ", area: "" }), { ok: true, value: { mortgaged: false } });
  });

  test("error: a fraction in a whole-number field, and text in a number field", () => {
    const fields = [
      { name: "rooms", type: "integer", required: false },
      { name: "area", type: "number", required: false },
    ] as const;
    assert.deepEqual(recordFromFields(fields, { rooms: "3.5" }), { ok: false, problem: { kind: "float", field: "rooms", text: "3.5" } });
    assert.deepEqual(recordFromFields(fields, { area: "large" }), { ok: false, problem: { kind: "number", field: "area", text: "large" } });
  });

  test("error: JSON that does not parse, or is not an object", () => {
    assert.equal(recordFromJson("{").ok, false);
    assert.deepEqual(recordFromJson("[1]"), { ok: false, problem: { kind: "notObject" } });
    assert.deepEqual(recordFromJson('{"a":1}'), { ok: true, value: { a: 1 } });
  });

  test("behavior: a fraction in JSON is refused only when the schema admits no fractions anywhere", () => {
    const whole = JSON.stringify({ type: "object", properties: { rooms: { type: "integer" }, note: { type: "string" } } });
    assert.equal(schemaAllowsFractions(JSON.parse(propertySchema)), true);
    assert.equal(schemaAllowsFractions(JSON.parse(whole)), false);
    assert.equal(schemaAllowsFractions({ type: "object", properties: { a: { type: ["integer", "number"] } } }), true);
    assert.deepEqual(recordFromJson('{"rooms": 3.0}', whole), { ok: false, problem: { kind: "fraction", text: "3.0" } });
    assert.deepEqual(recordFromJson('{"note": "3.0", "rooms": 3}', whole), { ok: true, value: { note: "3.0", rooms: 3 } });
    assert.deepEqual(recordFromJson('{"areaSquareMetres": 88.5}', propertySchema), { ok: true, value: { areaSquareMetres: 88.5 } });
  });
});

describe("console: the state of grants and accesses in the lists", () => {
  const grant = (fields: Partial<GrantRecord>): GrantRecord => ({ dataset: "housing.property", grantee: { kind: "organisation", id: "tax" }, purpose: "p", expiresAt: 100, accessesMax: 3, accesses: 0, grantedBy: "a".repeat(40), grantedAt: 1, ...fields });
  const access = (fields: Partial<RecordAccessEntry>): RecordAccessEntry => ({ kind: "access", tx: "b".repeat(64), requester: "c".repeat(40), organisation: "tax", dataset: "housing.property", owner: "housing", records: ["r1"], purpose: "p", height: 5, price: 5, time: 0, grantee: { kind: "organisation", id: "tax" }, ...fields });
  const verification: CredentialVerificationEntry = { kind: "credential_verification", tx: "d".repeat(64), requester: "c".repeat(40), organisation: "tax", owner: "housing", dataset: "housing.property", records: [], purpose: "p", height: 6, price: 0, time: 0, credential: "urn:uuid:1", result: "suspended" };

  test("behavior: a grant stands until it is revoked, passes its last block or uses all its accesses", () => {
    assert.equal(grantState(grant({}), 100), "standing");
    assert.equal(grantState(grant({}), 101), "expired");
    assert.equal(grantState(grant({ revokedFrom: 50 }), 10), "revoked");
    assert.equal(grantState(grant({ accesses: 3 }), 10), "used");
  });

  test("behavior: an access's keys can be released while the grant it used stands and has not passed its last block", () => {
    assert.equal(accessState(access({}), [grant({})], 100), "releasable");
    assert.equal(accessState(access({}), [grant({ accesses: 3 })], 100), "releasable");
    assert.equal(accessState(access({}), [grant({})], 101), "expired");
    assert.equal(accessState(access({}), [grant({ revokedFrom: 60 })], 10), "revoked");
    assert.equal(accessState(access({ grantee: undefined }), [], 10), "own");
    assert.equal(accessState(access({ grantee: { kind: "member", id: "c".repeat(40) } }), [grant({})], 10), "unknown");
    assert.equal(accessState(verification, [grant({})], 10), "verification", "a credential check reads no record, whatever grants stand");
  });

  test("behavior: a list held whole is paged like the node's lists", () => {
    const items = Array.from({ length: 45 }, (_, index) => index);
    assert.deepEqual(localPage(items, 0, 20), { total: 45, start: 0, next: 20, items: items.slice(0, 20) });
    assert.deepEqual(localPage(items, 40, 20), { total: 45, start: 40, next: null, items: items.slice(40) });
    assert.deepEqual(localPage([], 0, 20), { total: 0, start: 0, next: null, items: [] });
  });
});
