import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { recordFields, recordFromFields, recordFromJson, schemaPropertyNames } from "../../packages/console/src/pages/datashare/recordForm.ts";
import { parseWholeNumber } from "../../packages/console/src/pages/datashare/wholeNumber.ts";
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
});
