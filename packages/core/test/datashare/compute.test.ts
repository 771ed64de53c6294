import assert from "node:assert/strict";
import { test } from "node:test";
import { type ComputeRecord, type DatashareError, checkGroupSizes, getSuite, groupsOf, integersOnly, signComputeResult, toHex, verifyComputeResult } from "../../src/index.ts";

const suite = getSuite("intl");
const chainId = "kexin-compute-unit";
const request = { tx: "ab".repeat(32), codeHash: "cd".repeat(32), records: [{ id: "r-1", hash: "ef".repeat(32) }] };

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as DatashareError).type.code;
  }
}

test("default: a signed result verifies offline; another chain, record hash, code hash or value does not", () => {
  const privateKey = suite.generatePrivateKey();
  const outcome = { status: "ok" as const, value: { score: 42 } };
  const record: ComputeRecord = {
    ...request,
    requester: "00".repeat(20),
    organisation: "bank",
    dataset: "hospital.finance",
    owner: "hospital",
    contract: "applicant-risk",
    method: "score",
    purpose: "p",
    height: 3,
    price: 0,
    result: { outcome, publicKey: toHex(suite.publicKeyOf(privateKey)), signature: signComputeResult(suite, privateKey, chainId, request, outcome), height: 4, tx: "11".repeat(32) },
  };
  assert.deepEqual(verifyComputeResult(suite, chainId, record, { codeHash: request.codeHash }), outcome);
  const invalid = "DATASHARE_COMPUTE_RESULT_INVALID";
  assert.equal(codeOf(() => verifyComputeResult(suite, "another-chain", record)), invalid);
  assert.equal(codeOf(() => verifyComputeResult(suite, chainId, { ...record, records: [{ id: "r-1", hash: "00".repeat(32) }] })), invalid);
  assert.equal(codeOf(() => verifyComputeResult(suite, chainId, record, { codeHash: "00".repeat(32) })), invalid);
  assert.equal(codeOf(() => verifyComputeResult(suite, chainId, { ...record, result: { ...record.result!, outcome: { status: "ok", value: { score: 43 } } } })), invalid);
  const { result: _result, ...unanswered } = record;
  assert.equal(codeOf(() => verifyComputeResult(suite, chainId, unanswered)), invalid);
});

test("behavior: the privacy floor refuses groups of 1 to k − 1 subjects, allows empty groups and ungrouped values", () => {
  assert.equal(checkGroupSizes({ groups: [["east", 3], ["west", 0]] }, 3), undefined);
  assert.equal(checkGroupSizes({ groups: [["east", 3], ["west", 2]] }, 3)?.type.code, "DATASHARE_COMPUTE_GROUP_TOO_SMALL");
  assert.equal(checkGroupSizes({ groups: [["west", 1]] }, undefined), undefined);
  assert.equal(checkGroupSizes(17, 3), undefined);
  assert.doesNotMatch(checkGroupSizes({ groups: [["west", 2]] }, 3)?.message ?? "", /west|\b2\b/);
});

test("error: a malformed grouped result is refused (DATASHARE_COMPUTE_GROUPS_INVALID)", () => {
  for (const value of [{ groups: "east" }, { groups: [["east"]] }, { groups: [[1, 2]] }, { groups: [["east", -1]] }, { groups: [["east", 1.5]] }]) {
    assert.equal(codeOf(() => groupsOf(value)), "DATASHARE_COMPUTE_GROUPS_INVALID", JSON.stringify(value));
  }
});

test("behavior: integersOnly refuses floats and -0 anywhere in a value", () => {
  assert.equal(integersOnly({ a: [1, "x", { b: 2 }] }), true);
  assert.equal(integersOnly({ a: [1, { b: 0.5 }] }), false);
  assert.equal(integersOnly(-0), false);
});
