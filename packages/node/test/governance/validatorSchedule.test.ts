import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { fromHex } from "@kexin/core";
import type { StateRead } from "../../src/execution/interface.ts";
import { validatorScheduleQuery } from "../../src/modules/governance/validatorSchedule.ts";
import { type TestChain, startTestChain } from "../support.ts";

const genesis = [{ publicKey: fromHex("aa".repeat(32)), power: 3 }];
const scheduled = Array.from({ length: 4 }, (_, index) => ({ height: 10 * (index + 1), validators: [{ publicKey: "bb".repeat(32), power: index + 1 }] }));
const query = validatorScheduleQuery(genesis, () => scheduled);
const noState: StateRead = { get: () => undefined, list: () => [] };
const run = (parameters: { offset?: string; limit?: string }) => query.run(noState, parameters, () => noState, { height: 0, blockHash: () => undefined }, noState) as { total: number; offset: number; next: number | null; sets: { height: number; validators: { publicKey: string; power: number }[] }[] };

describe("governance validator_schedule", () => {
  test("default: genesis from height 1, then the scheduled sets by effective height", () => {
    const answer = run({});
    assert.equal(answer.total, 5);
    assert.equal(answer.next, null);
    assert.deepEqual(
      answer.sets.map((set) => set.height),
      [1, 10, 20, 30, 40],
    );
    assert.deepEqual(answer.sets[0]?.validators, [{ publicKey: "aa".repeat(32), power: 3 }]);
    assert.deepEqual(answer.sets[4]?.validators, [{ publicKey: "bb".repeat(32), power: 4 }]);
  });

  test("behavior: pages of two walk the schedule once", () => {
    const heights: number[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const page = run({ offset: String(offset), limit: "2" });
      assert.ok(page.sets.length <= 2);
      heights.push(...page.sets.map((set) => set.height));
      offset = page.next;
    }
    assert.deepEqual(heights, [1, 10, 20, 30, 40]);
    assert.deepEqual(run({ offset: "9" }).sets, []);
  });
});

describe("governance validator_schedule over HTTP", () => {
  let chain: TestChain;
  before(async () => {
    chain = await startTestChain();
  });
  after(async () => {
    await chain?.close();
  });

  test("default: a chain without changes lists its genesis set", async () => {
    const answer = await chain.get("/v1/query/governance/validator_schedule");
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(answer.body, { total: 1, offset: 0, next: null, sets: [{ height: 1, validators: chain.genesis.validators.map((validator) => ({ publicKey: validator.publicKey, power: validator.power })) }] });
  });

  test("error: bad offset and limit are refused with API_INVALID_INTEGER", async () => {
    for (const parameters of ["limit=0", "limit=101", "offset=-1", "offset=10001", "limit=abc"]) {
      const answer = await chain.get(`/v1/query/governance/validator_schedule?${parameters}`);
      assert.equal(answer.status, 400, parameters);
      assert.equal((answer.body.error as { code: string }).code, "API_INVALID_INTEGER", parameters);
    }
    const unknown = await chain.get("/v1/query/governance/validator_schedule?from=1");
    assert.equal((unknown.body.error as { code: string }).code, "API_BAD_REQUEST");
  });
});
