import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type PointsLedger, programPayload, startPointsLedger } from "./ledger.ts";

// The plain points are the benchmarks' reference and every running chain's history: their results, events, costs and state keys are pinned here.
describe("plain points beside the platform", () => {
  let ledger: PointsLedger;
  before(() => {
    ledger = startPointsLedger();
  });
  after(async () => {
    await ledger?.close();
  });

  test("default: issue and transfer write only the nonce, balance/ and supply/ keys, at their old costs and with their old events", () => {
    const [alice, bob] = ledger.members;
    const issued = ledger.commit(ledger.clerks.airline, "issue", { to: alice!.address, amount: 100 });
    assert.deepEqual(ledger.lastStateWrites(), [`nonce/${ledger.clerks.airline.address}`, `points/balance/airline/${alice!.address}`, "points/supply/airline"].sort());
    assert.equal(issued.cost, 1 + Math.ceil(issued.bytes / 64) + 5);
    assert.deepEqual(issued.events, [{ type: "issued", attributes: { program: "airline", to: alice!.address, amount: 100 } }]);
    const moved = ledger.commit(alice!, "transfer", { to: bob!.address, program: "airline", amount: 40 });
    assert.deepEqual(ledger.lastStateWrites(), [`nonce/${alice!.address}`, `points/balance/airline/${alice!.address}`, `points/balance/airline/${bob!.address}`].sort());
    assert.equal(moved.cost, 1 + Math.ceil(moved.bytes / 64) + 3);
    assert.deepEqual(moved.events, [{ type: "transferred", attributes: { program: "airline", from: alice!.address, to: bob!.address, amount: 40 } }]);
    assert.deepEqual(ledger.query("balance", { address: bob!.address, program: "airline" }), { address: bob!.address, program: "airline", amount: 40 });
  });

  test("error: the plain points' refusals keep their codes and messages", () => {
    const [alice, bob] = ledger.members;
    const short = ledger.send(alice!, "transfer", { to: bob!.address, program: "airline", amount: 61 });
    assert.deepEqual([short.code, short.message], ["POINTS_INSUFFICIENT_BALANCE", 'balance of 60 "airline" points is less than 61']);
    const self = ledger.send(alice!, "transfer", { to: alice!.address, program: "airline", amount: 1 });
    assert.deepEqual([self.code, self.message], ["POINTS_SELF_TRANSFER", "cannot transfer points to the same account"]);
  });

  test("behavior: a platform program named like an organisation leaves the plain points of that organisation alone", () => {
    const [alice] = ledger.members;
    ledger.commit(ledger.admins.airline, "register_program", programPayload("airline"));
    ledger.commit(ledger.clerks.airline, "program_issue", { program: "airline", to: alice!.address, amount: 7 });
    assert.ok(ledger.lastStateWrites().every((key) => !key.startsWith("points/balance/") && !key.startsWith("points/supply/")), ledger.lastStateWrites().join(", "));
    assert.deepEqual(ledger.query("balance", { address: alice!.address, program: "airline" }), { address: alice!.address, program: "airline", amount: 60 });
  });
});
