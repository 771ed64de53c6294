import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { MemberBalancesAnswer, PointsHistoryAnswer, ProgramRecord, ProgramTotalsAnswer } from "@kexin/core";
import { type PointsLedger, dayMs, programPayload, startPointsLedger } from "./ledger.ts";

describe("points programs: register, issue, transfer, burn, expiry by lots", () => {
  let ledger: PointsLedger;
  before(() => {
    ledger = startPointsLedger();
  });
  after(async () => {
    await ledger?.close();
  });
  const totals = (program: string) => ledger.query<ProgramTotalsAnswer>("program_totals", { program });
  const balances = (address: string) => ledger.query<MemberBalancesAnswer>("member_balances", { address });
  const balanceOf = (address: string, program: string) => balances(address).balances.find((entry) => entry.program === program)?.balance ?? 0;

  test("default: a merchant's admin registers a program; the record names the merchant", () => {
    const outcome = ledger.commit(ledger.admins.airline, "register_program", programPayload("air.miles", { days: 30, faceValueFen: 5 }));
    assert.deepEqual(outcome.events.map((event) => event.type), ["program_registered"]);
    const program = ledger.query<ProgramRecord>("program", { id: "air.miles" });
    assert.deepEqual([program.merchant, program.faceValueFen, program.expiry, program.transferable, program.registeredBy], ["airline", 5, { kind: "days", days: 30 }, true, ledger.admins.airline.address]);
    ledger.commit(ledger.admins.hotel, "register_program", programPayload("hotel.stars", { transferable: false }));
    assert.deepEqual(
      ledger.query<{ programs: ProgramRecord[] }>("programs").programs.map((entry) => entry.id),
      ["air.miles", "hotel.stars"],
    );
  });

  test("error: a program id is taken once; only an admin registers; faces beyond 2^53 − 1 are refused", () => {
    assert.equal(ledger.send(ledger.admins.telecom, "register_program", programPayload("air.miles")).code, "POINTS_PROGRAM_EXISTS");
    assert.throws(() => ledger.queue(ledger.clerks.telecom, "register_program", programPayload("tel.points")), { code: "POINTS_NOT_MERCHANT_ADMIN" });
    const tooLarge = ledger.send(ledger.admins.telecom, "register_program", programPayload("tel.points", { faceValueFen: 2n ** 53n }), 1_000, false);
    assert.deepEqual([tooLarge.status, tooLarge.code], ["failed", "POINTS_AMOUNT_TOO_LARGE"]);
    assert.throws(() => ledger.query("program", { id: "tel.points" }), { code: "POINTS_PROGRAM_NOT_FOUND" });
  });

  test("behavior: issue by the merchant's members only; totals count it and the liability is at face value", () => {
    const [alice] = ledger.members;
    ledger.commit(ledger.clerks.airline, "program_issue", { program: "air.miles", to: alice!.address, amount: 1_000 });
    ledger.commit(ledger.admins.airline, "program_issue", { program: "air.miles", to: alice!.address, amount: 500 });
    assert.throws(() => ledger.queue(ledger.clerks.hotel, "program_issue", { program: "air.miles", to: alice!.address, amount: 1 }), { code: "POINTS_NOT_MERCHANT_MEMBER" });
    assert.throws(() => ledger.queue(alice!, "program_issue", { program: "air.miles", to: alice!.address, amount: 1 }), { code: "POINTS_NOT_MERCHANT_MEMBER" });
    assert.equal(ledger.send(ledger.clerks.airline, "program_issue", { program: "air.miles", to: alice!.address, amount: 2n ** 60n }, 1_000, false).code, "POINTS_AMOUNT_TOO_LARGE");
    const now = totals("air.miles");
    assert.deepEqual([now.issued, now.burnt, now.expired, now.outstanding, now.liabilityFen], [1_500, 0, 0, 1_500, 7_500]);
    const [held] = balances(alice!.address).balances;
    assert.equal(held?.balance, 1_500);
    assert.equal(held?.lots.length, 1, "points issued the same day form one lot");
  });

  test("error: issuing so much that the liability passes 2^53 − 1 fen is refused, and nothing but the nonce changes", () => {
    const [alice] = ledger.members;
    const before = totals("air.miles");
    const outcome = ledger.send(ledger.clerks.airline, "program_issue", { program: "air.miles", to: alice!.address, amount: Math.floor(Number.MAX_SAFE_INTEGER / 5) });
    assert.equal(outcome.code, "POINTS_AMOUNT_TOO_LARGE");
    assert.deepEqual(totals("air.miles").issued, before.issued);
    assert.equal(balanceOf(alice!.address, "air.miles"), 1_500);
  });

  test("behavior: a transfer moves the oldest points first and they keep their expiry; the schedule and totals stay", () => {
    const [alice, bob] = ledger.members;
    // A second lot, issued ten days later, expires ten days later.
    ledger.commit(ledger.clerks.airline, "program_issue", { program: "air.miles", to: alice!.address, amount: 200 }, 10 * dayMs);
    const lotsBefore = balances(alice!.address).balances[0]?.lots ?? [];
    assert.equal(lotsBefore.length, 2);
    const outcome = ledger.commit(alice!, "program_transfer", { program: "air.miles", to: bob!.address, amount: 1_600 });
    assert.deepEqual(outcome.events[0]?.attributes, { program: "air.miles", from: alice!.address, to: bob!.address, amount: 1_600 });
    const bobLots = balances(bob!.address).balances[0]?.lots ?? [];
    assert.deepEqual(
      bobLots,
      [
        { expiresOn: lotsBefore[0]?.expiresOn ?? 0, amount: 1_500 },
        { expiresOn: lotsBefore[1]?.expiresOn ?? 0, amount: 100 },
      ],
    );
    assert.deepEqual(balances(alice!.address).balances[0]?.lots, [{ expiresOn: lotsBefore[1]?.expiresOn ?? 0, amount: 100 }]);
    assert.equal(totals("air.miles").outstanding, 1_700);
  });

  test("error: transfer refusals — not transferable, self, insufficient, unregistered signer", () => {
    const [alice, bob] = ledger.members;
    ledger.commit(ledger.clerks.hotel, "program_issue", { program: "hotel.stars", to: alice!.address, amount: 10 });
    assert.equal(ledger.send(alice!, "program_transfer", { program: "hotel.stars", to: bob!.address, amount: 1 }).code, "POINTS_NOT_TRANSFERABLE");
    assert.equal(ledger.send(alice!, "program_transfer", { program: "air.miles", to: alice!.address, amount: 1 }).code, "POINTS_SELF_TRANSFER");
    assert.equal(ledger.send(alice!, "program_transfer", { program: "air.miles", to: bob!.address, amount: 101 }).code, "POINTS_INSUFFICIENT_BALANCE");
    assert.throws(() => ledger.queue(ledger.stranger, "program_transfer", { program: "air.miles", to: bob!.address, amount: 1 }), { code: "TX_SIGNER_NOT_REGISTERED" });
    assert.equal(balanceOf(alice!.address, "air.miles"), 100);
    assert.equal(balanceOf(alice!.address, "hotel.stars"), 10);
  });

  test("behavior: points expire at the start of the day after their last day, counted once per program; no transaction needs to touch them", () => {
    const [, bob, carol] = ledger.members;
    const first = balances(bob!.address).balances[0]?.lots[0];
    assert.ok(first?.expiresOn !== null && first !== undefined);
    // Bob's first lot (1 500 points) expires 30 days after the first issue; move the clock there with another program's transaction.
    const untilExpiry = (first.expiresOn as number) * dayMs - 8 * 3_600_000 - ledger.time();
    ledger.commit(ledger.clerks.hotel, "program_issue", { program: "hotel.stars", to: carol!.address, amount: 1 }, untilExpiry - 1);
    assert.equal(balanceOf(bob!.address, "air.miles"), 1_600, "the last millisecond of the last day still counts");
    ledger.commit(ledger.clerks.hotel, "program_issue", { program: "hotel.stars", to: carol!.address, amount: 1 }, 1);
    assert.equal(balanceOf(bob!.address, "air.miles"), 100);
    const now = totals("air.miles");
    assert.deepEqual([now.issued, now.burnt, now.expired, now.outstanding], [1_700, 0, 1_500, 200]);
    assert.equal(ledger.send(bob!, "program_transfer", { program: "air.miles", to: carol!.address, amount: 101 }).code, "POINTS_INSUFFICIENT_BALANCE", "expired points cannot be spent");
    assert.equal(ledger.send(bob!, "program_burn", { program: "air.miles", amount: 60 }).status, "ok");
    const after = totals("air.miles");
    assert.deepEqual([after.issued, after.burnt, after.expired, after.outstanding], [1_700, 60, 1_500, 140], "the burn swept the expired bucket into the totals");
    assert.equal(ledger.state("expiring/air.miles/" + String(first.expiresOn)), undefined, "the swept bucket is gone");
    assert.deepEqual(balances(bob!.address).balances[0]?.lots.map((lot) => lot.amount), [40]);
  });

  test("behavior: a program without expiry keeps its points for good", () => {
    const [alice] = ledger.members;
    ledger.commit(ledger.admins.hotel, "register_program", programPayload("unused.clock.tick"), 4_000 * dayMs);
    assert.deepEqual([totals("air.miles").expired, totals("air.miles").outstanding], [1_640, 0], "meanwhile every dated lot of air.miles has expired");
    assert.equal(balanceOf(alice!.address, "hotel.stars"), 10);
    assert.equal(totals("hotel.stars").expired, 0);
  });

  test("behavior: history pages a member's changes and a program's, oldest first", () => {
    const [alice, bob] = ledger.members;
    const mine = ledger.query<PointsHistoryAnswer>("history", { address: alice!.address, limit: 3 });
    assert.deepEqual(
      mine.entries.map((entry) => [entry.kind, entry.program, entry.amount, entry.account]),
      [
        ["issued", "air.miles", 1_000, null],
        ["issued", "air.miles", 500, null],
        ["issued", "air.miles", 200, null],
      ],
    );
    assert.equal(mine.next, 3);
    const rest = ledger.query<PointsHistoryAnswer>("history", { address: alice!.address, start: 3 });
    assert.deepEqual(rest.entries.map((entry) => [entry.kind, entry.account]), [["sent", bob!.address], ["issued", null]]);
    const program = ledger.query<PointsHistoryAnswer>("history", { program: "air.miles" });
    assert.equal(program.total, 6);
    assert.deepEqual(program.entries.at(-1)?.kind, "burnt");
    assert.throws(() => ledger.query("history", { program: "air.miles", address: alice!.address }), { code: "POINTS_QUERY_INVALID" });
  });
});
