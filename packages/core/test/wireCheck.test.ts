import assert from "node:assert/strict";
import { test } from "node:test";
import { type AnchorRecord, anchorRecordSchema, isWire, wireProblem } from "../src/index.ts";

const anchor: AnchorRecord = {
  hash: "ab".repeat(32),
  index: 0,
  sequence: 7,
  size: 12,
  mediaType: "text/plain",
  title: "",
  caseNumber: "",
  tags: ["a"],
  submitter: { org: "police", address: "cd".repeat(20) },
  height: 3,
  time: 1_700_000_000_000,
  txHash: "ef".repeat(32),
};

test("default: a record that matches its schema has no problem", () => {
  assert.equal(wireProblem(anchorRecordSchema, anchor), undefined);
  assert.equal(isWire(anchorRecordSchema, anchor), true);
});

test("behavior: fields a schema does not list are accepted, so a node may add some", () => {
  assert.equal(wireProblem(anchorRecordSchema, { ...anchor, addedLater: 1 }), undefined);
});

test("error: the first mismatch is named by its path", () => {
  assert.match(wireProblem(anchorRecordSchema, { ...anchor, submitter: { org: "police" } }) ?? "", /^\/submitter\/address: /);
  assert.match(wireProblem(anchorRecordSchema, { ...anchor, hash: "AB".repeat(32) }) ?? "", /^\/hash: /, "hashes are lower-case hex");
  assert.match(wireProblem(anchorRecordSchema, null) ?? "", /^\/: /);
  assert.equal(isWire(anchorRecordSchema, { ...anchor, size: -1 }), false);
});
