import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { MemberBalancesAnswer, ObligationAnswer, ProgramTotalsAnswer, RedemptionRecord, RewardRecord } from "@kexin/core";
import { type PointsLedger, airToHotelTerms, dayMs, programPayload, startPointsLedger } from "./ledger.ts";

describe("points rewards: catalogue, redeem, confirm, refund", () => {
  let ledger: PointsLedger;
  const held = (address: string, program: string) => ledger.query<MemberBalancesAnswer>("member_balances", { address }).balances.find((entry) => entry.program === program);
  const totals = (program: string) => ledger.query<ProgramTotalsAnswer>("program_totals", { program });
  const owed = () => ledger.query<ObligationAnswer>("obligation", { from: "air.miles", to: "hotel.stars" });
  const redemption = (id: string) => ledger.query<RedemptionRecord>("redemption", { id });
  const conserved = (program: string) => {
    const now = totals(program);
    const balances = ledger.members.reduce((sum, member) => sum + (held(member.address, program)?.balance ?? 0), 0);
    assert.equal(now.issued, balances + now.burnt + now.expired, `${program}: ${JSON.stringify(now)} against balances ${balances}`);
  };
  const night = { id: "hotel.night", program: "hotel.stars", title: { zh: "免费房晚", en: "Free night" }, price: { program: "hotel.stars", points: 50 }, stock: 2 };
  const breakfast = { id: "hotel.breakfast", program: "hotel.stars", title: { zh: "双人早餐", en: "Breakfast for two" }, price: { program: "air.miles", points: 300 }, agreement: "air-to-hotel" };

  before(() => {
    ledger = startPointsLedger();
    ledger.queue(ledger.admins.airline, "register_program", programPayload("air.miles", { days: 30, faceValueFen: 5 }));
    ledger.queue(ledger.admins.hotel, "register_program", programPayload("hotel.stars", { faceValueFen: 2 }));
    ledger.commitBlock();
    const [alice] = ledger.members;
    ledger.queue(ledger.clerks.airline, "program_issue", { program: "air.miles", to: alice!.address, amount: 500 });
    ledger.queue(ledger.clerks.hotel, "program_issue", { program: "hotel.stars", to: alice!.address, amount: 120 });
    ledger.queue(ledger.admins.airline, "propose_agreement", airToHotelTerms(ledger.time(), 365));
    ledger.commitBlock();
    ledger.commit(ledger.admins.hotel, "accept_agreement", { id: "air-to-hotel" });
    // A second lot of miles, a day younger, so a refund has two lots to put back.
    ledger.commit(ledger.clerks.airline, "program_issue", { program: "air.miles", to: alice!.address, amount: 500 }, dayMs);
  });
  after(async () => {
    await ledger?.close();
  });

  test("default: a merchant publishes rewards priced in its own points and, under an agreement, in a partner's", () => {
    ledger.commit(ledger.admins.hotel, "publish_reward", night);
    ledger.commit(ledger.admins.hotel, "publish_reward", breakfast);
    assert.deepEqual(ledger.query<{ rewards: RewardRecord[] }>("rewards").rewards.map((reward) => [reward.id, reward.price.program, reward.agreement, reward.stock]), [
      ["hotel.night", "hotel.stars", null, 2],
      ["hotel.breakfast", "air.miles", "air-to-hotel", null],
    ]);
  });

  test("error: publishing for another merchant's program, a partner price without its agreement, an agreement on an own price, a taken id", () => {
    assert.throws(() => ledger.queue(ledger.admins.airline, "publish_reward", { ...night, id: "other" }), { code: "POINTS_NOT_MERCHANT_ADMIN" });
    const { agreement: _agreement, ...withoutAgreement } = breakfast;
    assert.equal(ledger.send(ledger.admins.hotel, "publish_reward", { ...withoutAgreement, id: "other" }).code, "POINTS_REWARD_PRICE_INVALID");
    assert.equal(ledger.send(ledger.admins.hotel, "publish_reward", { ...night, id: "other", agreement: "air-to-hotel" }).code, "POINTS_REWARD_PRICE_INVALID");
    assert.equal(ledger.send(ledger.admins.hotel, "publish_reward", night).code, "POINTS_REWARD_EXISTS");
  });

  test("behavior: redeeming in own points burns them and takes stock; the merchant confirms; a settled redemption stays settled", () => {
    const [alice] = ledger.members;
    const redeemed = ledger.commit(alice!, "redeem", { reward: "hotel.night", quantity: 1 });
    assert.equal(redeemed.events[0]?.type, "redeemed");
    assert.deepEqual([held(alice!.address, "hotel.stars")?.balance, ledger.query<RewardRecord>("reward", { id: "hotel.night" }).stock, totals("hotel.stars").redeemed], [70, 1, 50]);
    assert.equal(ledger.send(alice!, "redeem", { reward: "hotel.night", quantity: 2 }).code, "POINTS_OUT_OF_STOCK");
    assert.equal(ledger.send(ledger.clerks.airline, "confirm_redemption", { redemption: redeemed.hash }, 1_000, false).code, "POINTS_NOT_REWARD_MERCHANT");
    ledger.commit(ledger.clerks.hotel, "confirm_redemption", { redemption: redeemed.hash });
    assert.deepEqual([redemption(redeemed.hash).status, redemption(redeemed.hash).settledBy], ["confirmed", ledger.clerks.hotel.address]);
    assert.equal(ledger.send(ledger.clerks.hotel, "refund_redemption", { redemption: redeemed.hash }, 1_000, false).code, "POINTS_REDEMPTION_SETTLED");
    conserved("hotel.stars");
  });

  test("behavior: redeeming in partner points owes the partner's value; a refund reverses it exactly, lots, stock and obligation", () => {
    const [alice] = ledger.members;
    const lotsBefore = held(alice!.address, "air.miles")?.lots;
    const totalsBefore = totals("air.miles");
    const redeemed = ledger.commit(alice!, "redeem", { reward: "hotel.breakfast", quantity: 2 });
    // 600 miles at 10:1 are 60 stars at 2 fen.
    assert.deepEqual([owed().fen, owed().redemptions, owed().pointsGiven, owed().pointsReceived], [120, 1, 600, 60]);
    assert.deepEqual(held(alice!.address, "air.miles")?.lots, [{ expiresOn: lotsBefore?.[1]?.expiresOn ?? 0, amount: 400 }], "the older lot went first");
    assert.deepEqual(redemption(redeemed.hash).paid.lots.map((lot) => lot.amount), [500, 100]);
    ledger.commit(ledger.clerks.hotel, "refund_redemption", { redemption: redeemed.hash });
    assert.deepEqual(held(alice!.address, "air.miles")?.lots, lotsBefore);
    assert.deepEqual([owed().fen, owed().redemptions, owed().pointsGiven], [0, 0, 0]);
    const after = totals("air.miles");
    assert.deepEqual([after.issued, after.burnt, after.redeemed, after.expired], [totalsBefore.issued, totalsBefore.burnt, 0, 0]);
    assert.equal(redemption(redeemed.hash).status, "refunded");
    const heights = ledger.query<{ entries: { kind: string; height: number }[] }>("history", { address: alice!.address }).entries.filter((entry) => entry.kind === "redeemed" || entry.kind === "refunded");
    assert.equal(ledger.query<ObligationAnswer>("obligation", { from: "air.miles", to: "hotel.stars", height: heights.at(-2)?.height ?? 0 }).fen, 120, "the obligation as it stood between redemption and refund");
    conserved("air.miles");
  });

  test("error: redeeming more than the balance commits nothing but the nonce", () => {
    const [, bob] = ledger.members;
    assert.equal(ledger.send(bob!, "redeem", { reward: "hotel.breakfast", quantity: 1 }).code, "POINTS_INSUFFICIENT_BALANCE");
    assert.deepEqual(ledger.lastStateWrites(), [`nonce/${bob!.address}`]);
    assert.equal(ledger.send(bob!, "redeem", { reward: "no.such", quantity: 1 }).code, "POINTS_REWARD_NOT_FOUND");
  });

  test("behavior: a refund after the points' last day gives them back expired, and the program still balances", () => {
    const [alice] = ledger.members;
    const redeemed = ledger.commit(alice!, "redeem", { reward: "hotel.breakfast", quantity: 3 });
    // Past the older lot's last day, and past the sweep of a transaction of the program.
    ledger.commit(ledger.clerks.airline, "program_issue", { program: "air.miles", to: alice!.address, amount: 1 }, 30 * dayMs);
    const expiredBefore = totals("air.miles").expired;
    ledger.commit(ledger.clerks.hotel, "refund_redemption", { redemption: redeemed.hash });
    assert.equal(totals("air.miles").expired, expiredBefore + 500, "the 500 miles of the older lot come back expired");
    assert.deepEqual(held(alice!.address, "air.miles")?.lots.map((lot) => lot.amount), [500, 1]);
    conserved("air.miles");
  });
});
