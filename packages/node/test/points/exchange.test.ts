import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type AgreementRecord, type CborValue, type ExchangeQuoteAnswer, type MemberBalancesAnswer, type ObligationAnswer, type ProgramTotalsAnswer, exchangeTerms } from "@kexin/core";
import { type PointsLedger, airToHotelTerms, dayMs, programPayload, startPointsLedger } from "./ledger.ts";

describe("points exchange agreements and exchanges", () => {
  let ledger: PointsLedger;
  const balanceOf = (address: string, program: string) => ledger.query<MemberBalancesAnswer>("member_balances", { address }).balances.find((entry) => entry.program === program)?.balance ?? 0;
  const totals = (program: string) => ledger.query<ProgramTotalsAnswer>("program_totals", { program });
  const terms = (overrides: Record<string, CborValue> = {}) =>
    airToHotelTerms(ledger.time(), 10, { fee: { fixed: 2, basisPoints: 100 }, memberDailyCap: 1_000, totalDailyCap: 1_500, ...overrides });

  before(() => {
    ledger = startPointsLedger();
    ledger.queue(ledger.admins.airline, "register_program", programPayload("air.miles", { days: 365, faceValueFen: 5 }));
    ledger.queue(ledger.admins.hotel, "register_program", programPayload("hotel.stars", { faceValueFen: 2 }));
    ledger.queue(ledger.admins.telecom, "register_program", programPayload("tel.points", { transferable: false }));
    ledger.commitBlock();
    for (const member of ledger.members) ledger.queue(ledger.clerks.airline, "program_issue", { program: "air.miles", to: member.address, amount: 2_000 });
    ledger.commitBlock();
  });
  after(async () => {
    await ledger?.close();
  });

  test("default: one merchant's admin proposes, the other's accepts", () => {
    const proposed = ledger.commit(ledger.admins.airline, "propose_agreement", terms());
    assert.deepEqual(proposed.events, [{ type: "agreement_proposed", attributes: { agreement: "air-to-hotel", from: "air.miles", to: "hotel.stars", proposedBy: "airline" } }]);
    assert.equal(ledger.query<AgreementRecord>("agreement", { id: "air-to-hotel" }).status, "proposed");
    const [alice] = ledger.members;
    assert.equal(ledger.send(alice!, "exchange", { agreement: "air-to-hotel", amount: 100 }).code, "POINTS_NO_AGREEMENT", "a proposal is no agreement yet");
    assert.equal(ledger.send(ledger.admins.airline, "accept_agreement", { id: "air-to-hotel" }, 1_000, false).code, "POINTS_NOT_COUNTERPARTY");
    ledger.commit(ledger.admins.hotel, "accept_agreement", { id: "air-to-hotel" });
    const agreement = ledger.query<AgreementRecord>("agreement", { id: "air-to-hotel" });
    assert.deepEqual([agreement.status, agreement.proposedBy, agreement.acceptor], ["active", "airline", ledger.admins.hotel.address]);
    assert.equal(ledger.send(ledger.admins.hotel, "accept_agreement", { id: "air-to-hotel" }, 1_000, false).code, "POINTS_AGREEMENT_ALREADY_ACCEPTED");
  });

  test("error: proposals outside the two merchants, duplicates, one program twice, an empty window, sizes beyond 2^53 − 1", () => {
    assert.throws(() => ledger.queue(ledger.admins.telecom, "propose_agreement", terms({ id: "other" })), { code: "POINTS_NOT_MERCHANT_ADMIN" });
    assert.throws(() => ledger.queue(ledger.clerks.airline, "propose_agreement", terms({ id: "other" })), { code: "POINTS_NOT_MERCHANT_ADMIN" });
    assert.equal(ledger.send(ledger.admins.hotel, "propose_agreement", terms()).code, "POINTS_AGREEMENT_EXISTS");
    assert.equal(ledger.send(ledger.admins.hotel, "propose_agreement", terms({ id: "other", to: "air.miles" }), 1_000, false).code, "POINTS_AGREEMENT_INVALID");
    assert.equal(ledger.send(ledger.admins.hotel, "propose_agreement", terms({ id: "other", validUntil: ledger.time() })).code, "POINTS_AGREEMENT_INVALID");
    assert.equal(ledger.send(ledger.admins.hotel, "propose_agreement", terms({ id: "other", totalDailyCap: 2n ** 53n }), 1_000, false).code, "POINTS_AMOUNT_TOO_LARGE");
    assert.equal(ledger.send(ledger.admins.hotel, "propose_agreement", terms({ id: "other", from: "no.such" }), 1_000, false).code, "POINTS_PROGRAM_NOT_FOUND");
  });

  test("behavior: an exchange burns the points given, issues the points received, and records what the source owes the target", () => {
    const [alice] = ledger.members;
    const quote = ledger.query<ExchangeQuoteAnswer>("quote", { agreement: "air-to-hotel", amount: 500, address: alice!.address });
    // Fee 2 + 1 % of 500 = 7; 493 miles at 10:1 is 49.3 stars, rounded down to 49; 49 stars at 2 fen.
    assert.deepEqual([quote.fee, quote.received, quote.owedFen, quote.memberRemainingToday, quote.totalRemainingToday, quote.refusal], [7, 49, 98, 1_000, 1_500, null]);
    const outcome = ledger.commit(alice!, "exchange", { agreement: "air-to-hotel", amount: 500 });
    assert.deepEqual(outcome.events, [{ type: "exchanged", attributes: { agreement: "air-to-hotel", from: "air.miles", to: "hotel.stars", member: alice!.address, amount: 500, fee: 7, received: 49, owedFen: 98 } }]);
    assert.deepEqual([balanceOf(alice!.address, "air.miles"), balanceOf(alice!.address, "hotel.stars")], [1_500, 49]);
    const source = totals("air.miles");
    assert.deepEqual([source.issued, source.burnt, source.exchangedOut, source.outstanding], [6_000, 500, 500, 5_500]);
    const target = totals("hotel.stars");
    assert.deepEqual([target.issued, target.exchangedIn, target.outstanding, target.liabilityFen], [49, 49, 49, 98]);
    const owed = ledger.query<ObligationAnswer>("obligation", { from: "air.miles", to: "hotel.stars" });
    assert.deepEqual([owed.fen, owed.exchanges, owed.pointsGiven, owed.pointsReceived], [98, 1, 500, 49]);
    assert.equal(ledger.query<ObligationAnswer>("obligation", { from: "hotel.stars", to: "air.miles" }).fen, 0, "obligations have a direction");
  });

  test("error: caps per member and in total, per day of block time; the next day starts afresh", () => {
    const [alice, bob, carol] = ledger.members;
    const overMember = ledger.send(alice!, "exchange", { agreement: "air-to-hotel", amount: 501 });
    assert.equal(overMember.code, "POINTS_MEMBER_DAILY_CAP_EXCEEDED");
    assert.deepEqual(ledger.lastStateWrites(), [`nonce/${alice!.address}`], "nothing but the nonce is committed");
    ledger.commit(bob!, "exchange", { agreement: "air-to-hotel", amount: 1_000 });
    assert.equal(ledger.query<ExchangeQuoteAnswer>("quote", { agreement: "air-to-hotel", amount: 1 }).totalRemainingToday, 0);
    assert.equal(ledger.send(carol!, "exchange", { agreement: "air-to-hotel", amount: 100 }).code, "POINTS_DAILY_CAP_EXCEEDED");
    ledger.commit(ledger.clerks.telecom, "program_issue", { program: "tel.points", to: carol!.address, amount: 1 }, dayMs);
    ledger.commit(carol!, "exchange", { agreement: "air-to-hotel", amount: 1_000 });
    ledger.commit(alice!, "exchange", { agreement: "air-to-hotel", amount: 500 });
    const owed = ledger.query<ObligationAnswer>("obligation", { from: "air.miles", to: "hotel.stars" });
    assert.equal(owed.exchanges, 4);
  });

  test("error: insufficient balance, too small, not exact, beyond 2^53 − 1", () => {
    const [alice] = ledger.members;
    ledger.commit(alice!, "program_burn", { program: "air.miles", amount: 950 }, dayMs);
    assert.equal(ledger.send(alice!, "exchange", { agreement: "air-to-hotel", amount: 51 }).code, "POINTS_INSUFFICIENT_BALANCE");
    assert.equal(ledger.send(alice!, "exchange", { agreement: "air-to-hotel", amount: 2 }).code, "POINTS_EXCHANGE_TOO_SMALL", "the fixed fee takes everything");
    assert.equal(ledger.send(alice!, "exchange", { agreement: "air-to-hotel", amount: 11 }).code, "POINTS_EXCHANGE_TOO_SMALL", "9 miles make no star");
    assert.equal(ledger.send(alice!, "exchange", { agreement: "air-to-hotel", amount: 2n ** 53n }, 1_000, false).code, "POINTS_AMOUNT_TOO_LARGE");
    assert.throws(() => ledger.queue(alice!, "exchange", { agreement: "air-to-hotel", amount: 2n ** 53n }), { code: "POINTS_AMOUNT_TOO_LARGE" });
    const exact = { id: "exact", rounding: "exact", fee: { fixed: 0, basisPoints: 0 }, settlementFenPerPoint: 2 } as const;
    assert.throws(() => exchangeTerms({ ...exact, rate: { from: 10, to: 1 } }, 15), { code: "POINTS_EXCHANGE_NOT_EXACT" });
    assert.equal(exchangeTerms({ ...exact, rate: { from: 10, to: 1 } }, 20).received, 2);
    assert.equal(exchangeTerms({ ...exact, rounding: "half_up", rate: { from: 10, to: 1 } }, 15).received, 2);
    assert.equal(exchangeTerms({ ...exact, rounding: "half_up", rate: { from: 10, to: 1 } }, 14).received, 1);
    assert.throws(() => exchangeTerms({ ...exact, rate: { from: 1, to: 2 ** 52 } }, 4), { code: "POINTS_AMOUNT_TOO_LARGE" });
  });

  test("error: an agreement applies only inside its window", () => {
    const [alice] = ledger.members;
    ledger.commit(ledger.admins.hotel, "propose_agreement", terms({ id: "later", validFrom: ledger.time() + 2 * dayMs, validUntil: ledger.time() + 3 * dayMs }));
    ledger.commit(ledger.admins.airline, "accept_agreement", { id: "later" });
    assert.equal(ledger.send(alice!, "exchange", { agreement: "later", amount: 100 }).code, "POINTS_AGREEMENT_NOT_YET_VALID");
    ledger.commit(ledger.clerks.airline, "program_issue", { program: "air.miles", to: alice!.address, amount: 1 }, 20 * dayMs);
    assert.equal(ledger.send(alice!, "exchange", { agreement: "later", amount: 100 }).code, "POINTS_AGREEMENT_EXPIRED");
    assert.equal(ledger.send(alice!, "exchange", { agreement: "air-to-hotel", amount: 100 }).code, "POINTS_AGREEMENT_EXPIRED");
    assert.equal(ledger.query<ExchangeQuoteAnswer>("quote", { agreement: "air-to-hotel", amount: 100 }).refusal?.code, "POINTS_AGREEMENT_EXPIRED");
    assert.throws(() => ledger.query("agreement", { id: "nothing" }), { code: "POINTS_NO_AGREEMENT" });
  });

  test("behavior: the obligation between two programs is readable at any height", () => {
    const history = ledger.query<{ entries: { height: number; kind: string }[] }>("history", { program: "hotel.stars" }).entries.filter((entry) => entry.kind === "exchanged_in");
    assert.equal(history.length, 4);
    const [first, second] = history;
    assert.equal(ledger.query<ObligationAnswer>("obligation", { from: "air.miles", to: "hotel.stars", height: first!.height - 1 }).fen, 0);
    assert.equal(ledger.query<ObligationAnswer>("obligation", { from: "air.miles", to: "hotel.stars", height: first!.height }).fen, 98);
    assert.equal(ledger.query<ObligationAnswer>("obligation", { from: "air.miles", to: "hotel.stars", height: second!.height }).exchanges, 2);
    const newest = ledger.query<ObligationAnswer>("obligation", { from: "air.miles", to: "hotel.stars" });
    assert.deepEqual(ledger.query<ObligationAnswer>("obligation", { from: "air.miles", to: "hotel.stars", height: ledger.height() }), { ...newest, height: ledger.height() });
  });
});
