import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { AgreementRecord, ExchangeQuoteAnswer, ProgramTotalsAnswer, SettlementPeriod, SettlementPeriodsAnswer, StatementAnswer, StatementTransactionsAnswer } from "@kexin/core";
import { type PointsLedger, airToHotelTerms, programPayload, startPointsLedger } from "./ledger.ts";

describe("points settlement: periods, netting, statements, confirmation; ending agreements", () => {
  let ledger: PointsLedger;
  const period = (number: number) => ledger.query<SettlementPeriod>("period", { number });
  const statement = (number: number, merchant: string) => ledger.query<StatementAnswer>("statement", { period: number, merchant });
  const lineTransactions = (number: number, from: string, to: string, page: Record<string, number> = {}) => ledger.query<StatementTransactionsAnswer>("statement_transactions", { period: number, from, to, ...page });

  before(() => {
    ledger = startPointsLedger();
    ledger.queue(ledger.admins.airline, "register_program", programPayload("air.miles"));
    ledger.queue(ledger.admins.hotel, "register_program", programPayload("hotel.stars"));
    ledger.queue(ledger.admins.telecom, "register_program", programPayload("tel.points"));
    ledger.commitBlock();
    const [alice] = ledger.members;
    ledger.queue(ledger.clerks.airline, "program_issue", { program: "air.miles", to: alice!.address, amount: 10_000 });
    ledger.queue(ledger.clerks.hotel, "program_issue", { program: "hotel.stars", to: alice!.address, amount: 1_000 });
    ledger.queue(ledger.clerks.telecom, "program_issue", { program: "tel.points", to: alice!.address, amount: 1_000 });
    // air → hotel at 10:1 and 2 fen a star; hotel → air at 1:1 and 3 fen a mile; telecom → air at 7:5 and 2 fen a mile.
    ledger.queue(ledger.admins.airline, "propose_agreement", airToHotelTerms(ledger.time(), 365));
    ledger.queue(ledger.admins.hotel, "propose_agreement", airToHotelTerms(ledger.time(), 365, { id: "hotel-to-air", from: "hotel.stars", to: "air.miles", rate: { from: 1, to: 1 }, settlementFenPerPoint: 3 }));
    ledger.queue(ledger.admins.telecom, "propose_agreement", airToHotelTerms(ledger.time(), 365, { id: "tel-to-air", from: "tel.points", to: "air.miles", rate: { from: 7, to: 5 }, settlementFenPerPoint: 2 }));
    ledger.commitBlock();
    ledger.queue(ledger.admins.hotel, "accept_agreement", { id: "air-to-hotel" });
    ledger.queue(ledger.admins.airline, "accept_agreement", { id: "hotel-to-air" });
    ledger.queue(ledger.admins.airline, "accept_agreement", { id: "tel-to-air" });
    assert.ok(ledger.commitBlock().every((outcome) => outcome.status === "ok"));
  });
  after(async () => {
    await ledger?.close();
  });

  test("error: closing before anything is owed, by someone who administers no organisation", () => {
    assert.throws(() => ledger.queue(ledger.clerks.airline, "close_period", {}), { code: "POINTS_NOT_MERCHANT_ADMIN" });
    assert.equal(ledger.send(ledger.admins.hotel, "close_period", {}).code, "POINTS_PERIOD_EMPTY");
    assert.deepEqual(ledger.lastStateWrites(), [`nonce/${ledger.admins.hotel.address}`]);
  });

  test("default: a close nets the merchants' positions into payments; each merchant's statement shows its partners gross, its net and its payments", () => {
    const [alice] = ledger.members;
    ledger.queue(alice!, "exchange", { agreement: "air-to-hotel", amount: 1_000 }); // the airline owes the hotel 100 stars × 2 = 200 fen
    ledger.queue(alice!, "exchange", { agreement: "hotel-to-air", amount: 50 }); // the hotel owes the airline 50 × 3 = 150 fen
    ledger.queue(alice!, "exchange", { agreement: "tel-to-air", amount: 70 }); // the telecom owes the airline 50 × 2 = 100 fen
    ledger.queue(ledger.admins.hotel, "close_period", {});
    const outcomes = ledger.commitBlock();
    assert.ok(outcomes.every((outcome) => outcome.status === "ok"), JSON.stringify(outcomes.map((outcome) => outcome.code)));
    assert.deepEqual(outcomes[3]?.events, [{ type: "period_closed", attributes: { period: 1, fromHeight: 0, toHeight: ledger.height(), lines: 3, payments: 2, paymentsFen: 100 } }]);
    const closed = period(1);
    assert.deepEqual(
      closed.positions.map((position) => [position.merchant, position.owesFen, position.owedFen, position.netFen]),
      [
        ["airline", 200, 250, 50],
        ["hotel", 150, 200, 50],
        ["telecom", 100, 0, -100],
      ],
    );
    // Two creditors of 50 fen each: the tie goes to the smaller id first.
    assert.deepEqual(closed.payments.map((payment) => [payment.payer, payment.payee, payment.fen]), [["telecom", "airline", 50], ["telecom", "hotel", 50]]);
    assert.deepEqual([closed.status, closed.unsettled], ["open", 2]);
    const airline = statement(1, "airline");
    assert.deepEqual(airline.partners.map((partner) => [partner.partner, partner.owesFen, partner.owedFen, partner.lines.map((line) => `${line.from}>${line.to}`)]), [
      ["hotel", 200, 150, ["air.miles>hotel.stars", "hotel.stars>air.miles"]],
      ["telecom", 0, 100, ["tel.points>air.miles"]],
    ]);
    assert.deepEqual([airline.owesFen, airline.owedFen, airline.netFen, airline.payments.map((payment) => payment.index)], [200, 250, 50, [0]]);
    assert.deepEqual(statement(1, "telecom").payments.map((payment) => [payment.index, payment.payee]), [[0, "airline"], [1, "hotel"]]);
    const behind = lineTransactions(1, "air.miles", "hotel.stars");
    assert.deepEqual(behind.transactions.map((entry) => [entry.tx, entry.kind, entry.fen]), [[outcomes[0]?.hash, "exchange", 200]]);
    assert.deepEqual(ledger.query<SettlementPeriodsAnswer>("periods").periods.map((summary) => [summary.number, summary.lines, summary.payments, summary.paymentsFen, summary.status]), [[1, 3, 2, 100, "open"]]);
  });

  test("behavior: a payment is settled when its payer confirms it paid and its payee received; the period when every payment is", () => {
    const confirm = (merchant: "airline" | "hotel" | "telecom", payment: number, side: "paid" | "received") => ledger.send(ledger.admins[merchant], "confirm_settlement", { period: 1, payment, side }, 1_000, false);
    assert.equal(confirm("telecom", 0, "paid").status, "ok");
    const received = confirm("airline", 0, "received");
    assert.deepEqual(received.events, [{ type: "settlement_confirmed", attributes: { period: 1, payment: 0, side: "received", merchant: "airline", fen: 50, settled: true } }]);
    assert.equal(confirm("hotel", 1, "paid").code, "POINTS_STATEMENT_WRONG_MERCHANT");
    assert.equal(confirm("airline", 1, "received").code, "POINTS_STATEMENT_WRONG_MERCHANT");
    assert.deepEqual(ledger.lastStateWrites(), [`nonce/${ledger.admins.airline.address}`]);
    assert.equal(confirm("telecom", 1, "paid").status, "ok");
    assert.equal(confirm("telecom", 1, "paid").code, "POINTS_SETTLEMENT_ALREADY_CONFIRMED");
    assert.equal(confirm("telecom", 2, "paid").code, "POINTS_PAYMENT_NOT_FOUND");
    assert.throws(() => ledger.queue(ledger.admins.telecom, "confirm_settlement", { period: 9, payment: 0, side: "paid" }), { code: "POINTS_PERIOD_NOT_FOUND" });
    assert.equal(period(1).status, "open");
    const last = confirm("hotel", 1, "received");
    assert.deepEqual(last.events.map((event) => event.type), ["settlement_confirmed", "period_settled"]);
    const settled = period(1);
    assert.deepEqual([settled.status, settled.unsettled, settled.settledAt, settled.payments[1]?.received?.by], ["settled", 0, ledger.height(), ledger.admins.hotel.address]);
  });

  test("behavior: a period ends at its close transaction, inside a block; a refund of an earlier period's redemption is a negative line", () => {
    const [alice] = ledger.members;
    ledger.commit(ledger.admins.hotel, "publish_reward", { id: "hotel.spa", program: "hotel.stars", title: { zh: "水疗", en: "Spa" }, price: { program: "air.miles", points: 300 }, agreement: "air-to-hotel" });
    const redeemed = ledger.commit(alice!, "redeem", { reward: "hotel.spa", quantity: 1 }); // 30 stars × 2 = 60 fen owed by the airline
    ledger.queue(alice!, "exchange", { agreement: "air-to-hotel", amount: 100 }); // 20 fen, in period 2
    ledger.queue(ledger.admins.airline, "close_period", {});
    ledger.queue(alice!, "exchange", { agreement: "air-to-hotel", amount: 200 }); // 40 fen, after the close: period 3
    const [exchanged, closed, later] = ledger.commitBlock();
    assert.equal(closed?.status, "ok");
    assert.deepEqual(period(2).lines.map((line) => [line.from, line.to, line.fen, line.exchanges, line.redemptions]), [["air.miles", "hotel.stars", 80, 1, 1]]);
    assert.deepEqual(lineTransactions(2, "air.miles", "hotel.stars").transactions.map((entry) => [entry.tx, entry.kind, entry.fen]), [
      [redeemed.hash, "redemption", 60],
      [exchanged?.hash, "exchange", 20],
    ]);
    assert.deepEqual(period(2).payments.map((payment) => [payment.payer, payment.payee, payment.fen]), [["airline", "hotel", 80]]);
    const refunded = ledger.commit(ledger.clerks.hotel, "refund_redemption", { redemption: redeemed.hash });
    ledger.commit(ledger.admins.telecom, "close_period", {});
    assert.deepEqual(period(3).lines.map((line) => [line.fen, line.exchanges, line.redemptions]), [[-20, 1, -1]]);
    assert.deepEqual(lineTransactions(3, "air.miles", "hotel.stars").transactions.map((entry) => [entry.tx, entry.kind, entry.fen]), [
      [later?.hash, "exchange", 40],
      [refunded.hash, "refund", -60],
    ]);
    assert.deepEqual(period(3).payments.map((payment) => [payment.payer, payment.payee, payment.fen]), [["hotel", "airline", 20]]);
    assert.deepEqual(lineTransactions(3, "air.miles", "hotel.stars", { start: 1, limit: 1 }).transactions.map((entry) => entry.kind), ["refund"]);
    assert.equal(lineTransactions(3, "tel.points", "air.miles").total, 0, "a pair without a change in the period");
    assert.equal(ledger.send(ledger.admins.telecom, "close_period", {}).code, "POINTS_PERIOD_EMPTY");
  });

  test("behavior: either merchant ends an agreement; it still applies in its block, and is refused from the next", () => {
    const [alice] = ledger.members;
    assert.throws(() => ledger.queue(ledger.admins.telecom, "end_agreement", { id: "air-to-hotel" }), { code: "POINTS_NOT_MERCHANT_ADMIN" });
    ledger.queue(ledger.admins.hotel, "end_agreement", { id: "air-to-hotel" });
    ledger.queue(alice!, "exchange", { agreement: "air-to-hotel", amount: 100 });
    const [ended, sameBlock] = ledger.commitBlock();
    assert.deepEqual(ended?.events, [{ type: "agreement_ended", attributes: { agreement: "air-to-hotel", from: "air.miles", to: "hotel.stars", endedBy: ledger.admins.hotel.address } }]);
    assert.equal(sameBlock?.status, "ok");
    const agreement = ledger.query<AgreementRecord>("agreement", { id: "air-to-hotel" });
    assert.deepEqual([agreement.status, agreement.endedAt], ["ended", ledger.height()]);
    assert.equal(ledger.query<ExchangeQuoteAnswer>("quote", { agreement: "air-to-hotel", amount: 100 }).refusal?.code, "POINTS_AGREEMENT_ENDED");
    assert.equal(ledger.send(alice!, "exchange", { agreement: "air-to-hotel", amount: 100 }).code, "POINTS_AGREEMENT_ENDED");
    assert.equal(ledger.send(alice!, "redeem", { reward: "hotel.spa", quantity: 1 }).code, "POINTS_AGREEMENT_ENDED");
    assert.equal(ledger.send(ledger.admins.airline, "end_agreement", { id: "air-to-hotel" }, 1_000, false).code, "POINTS_AGREEMENT_ENDED");
    assert.equal(ledger.send(ledger.admins.hotel, "accept_agreement", { id: "air-to-hotel" }, 1_000, false).code, "POINTS_AGREEMENT_ENDED");
  });

  test("behavior: a program's totals read at a past height", () => {
    const [alice] = ledger.members;
    const before = ledger.query<ProgramTotalsAnswer>("program_totals", { program: "tel.points" });
    const height = ledger.height();
    ledger.commit(ledger.clerks.telecom, "program_issue", { program: "tel.points", to: alice!.address, amount: 5 });
    const { asOf: _asOf, ...figures } = before;
    const { asOf, ...figuresThen } = ledger.query<ProgramTotalsAnswer>("program_totals", { program: "tel.points", height });
    assert.deepEqual(figuresThen, figures);
    assert.ok(asOf.time <= before.asOf.time, "judged at the program's last change at or below the height");
    assert.equal(ledger.query<ProgramTotalsAnswer>("program_totals", { program: "tel.points", height: ledger.height() }).issued, before.issued + 5);
    assert.throws(() => ledger.query("program_totals", { program: "tel.points", height: 0 }), { code: "POINTS_PROGRAM_NOT_FOUND" });
  });

  test("behavior: totals read at the height of a block that changed them several times are as its last transaction left them", () => {
    const [alice, bob] = ledger.members;
    const before = ledger.query<ProgramTotalsAnswer>("program_totals", { program: "tel.points" });
    const heightBefore = ledger.height();
    ledger.queue(ledger.clerks.telecom, "program_issue", { program: "tel.points", to: alice!.address, amount: 7 });
    ledger.queue(ledger.clerks.telecom, "program_issue", { program: "tel.points", to: bob!.address, amount: 11 });
    ledger.queue(alice!, "program_burn", { program: "tel.points", amount: 3 });
    assert.deepEqual(
      ledger.commitBlock().map((outcome) => outcome.status),
      ["ok", "ok", "ok"],
    );
    const at = (height: number) => ledger.query<ProgramTotalsAnswer>("program_totals", { program: "tel.points", height });
    assert.deepEqual([at(ledger.height()).issued, at(ledger.height()).burnt], [before.issued + 18, before.burnt + 3]);
    assert.deepEqual([at(heightBefore).issued, at(heightBefore).burnt], [before.issued, before.burnt]);
    const { asOf: _asOf, ...now } = ledger.query<ProgramTotalsAnswer>("program_totals", { program: "tel.points" });
    const { asOf: _asOfThen, ...then } = at(ledger.height());
    assert.deepEqual(then, now);
  });
});
