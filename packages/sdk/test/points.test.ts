import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type CryptoSuite, addressOf, getSuite, toHex } from "@kexin/core";
import { parseGenesis } from "../../node/src/genesis.ts";
import { type TestChain, startTestChain } from "../../node/test/support.ts";
import { type KexinClient, type TxCall, buildAndSend, createKexinClient, points, waitForCommit, walletFromPrivateKey } from "../src/index.ts";

function key(suite: CryptoSuite) {
  const privateKey = suite.generatePrivateKey();
  return { privateKey, publicKeyHex: toHex(suite.publicKeyOf(privateKey)), address: addressOf(suite, suite.publicKeyOf(privateKey)) };
}

describe("points platform through the SDK on a real node", () => {
  const suite = getSuite("intl");
  const airline = key(suite);
  const hotel = key(suite);
  const alice = key(suite);
  let chain: TestChain;
  let client: KexinClient;
  const send = async (signer: { privateKey: Uint8Array }, call: TxCall) => {
    const sent = await buildAndSend(client, walletFromPrivateKey("intl", signer.privateKey), call);
    const committed = await waitForCommit(client, { hash: sent.hash, timeoutMs: 20_000 });
    return committed.result;
  };

  before(async () => {
    const validatorKey = suite.generatePrivateKey();
    const genesis = parseGenesis({
      chainId: "kexin-points-sdk",
      suite: "intl",
      genesisTime: 1_700_000_000_000,
      consensus: "solo",
      validators: [{ name: "v1", publicKey: toHex(suite.publicKeyOf(validatorKey)), power: 1 }],
      organisations: [
        { id: "airline", name: "Airline", admins: [airline.publicKeyHex] },
        { id: "hotel", name: "Hotel", admins: [hotel.publicKeyHex] },
      ],
      members: [{ org: "airline", address: alice.address, name: "alice", roles: [] }],
    });
    chain = await startTestChain({ genesis, validatorKey });
    client = createKexinClient({ url: chain.url });
  });
  after(async () => {
    await chain?.close();
  });

  test("default: register two programs, issue, agree, quote and exchange; balances, totals, history and the obligation read back", async () => {
    assert.equal((await send(airline, points.registerProgram({ id: "air.miles", name: { zh: "航空里程", en: "Air miles" }, faceValueFen: 4, expiry: { kind: "days", days: 365 }, transferable: true }))).status, "ok");
    assert.equal((await send(hotel, points.registerProgram({ id: "hotel.stars", name: { zh: "酒店星值", en: "Hotel stars" }, faceValueFen: 10, expiry: { kind: "none" }, transferable: false }))).status, "ok");
    assert.equal((await send(airline, points.programIssue({ program: "air.miles", to: alice.address, amount: 1_000 }))).status, "ok");
    const terms = { id: "air-hotel", from: "air.miles", to: "hotel.stars", rate: { from: 5, to: 1 }, rounding: "down", fee: { fixed: 0, basisPoints: 0 }, settlementFenPerPoint: 8, memberDailyCap: 500, totalDailyCap: 5_000, validFrom: 0, validUntil: 4_000_000_000_000 } as const;
    assert.equal((await send(airline, points.proposeAgreement(terms))).status, "ok");
    assert.equal((await send(hotel, points.acceptAgreement({ id: "air-hotel" }))).status, "ok");
    const quote = await client.points.getExchangeQuote({ agreement: "air-hotel", amount: 300, address: alice.address });
    assert.deepEqual([quote.received, quote.owedFen, quote.memberRemainingToday, quote.refusal], [60, 480, 500, null]);
    const exchanged = await send(alice, points.exchange({ agreement: "air-hotel", amount: 300 }));
    assert.deepEqual(exchanged.events.map((event) => [event.type, event.attributes.received]), [["exchanged", 60]]);
    const balances = await client.points.getMemberBalances({ address: alice.address });
    assert.deepEqual(balances.balances.map((entry) => [entry.program, entry.balance]), [["air.miles", 700], ["hotel.stars", 60]]);
    const totals = await client.points.getProgramTotals({ program: "hotel.stars" });
    assert.deepEqual([totals.issued, totals.outstanding, totals.liabilityFen], [60, 60, 600]);
    const history = await client.points.getPointsHistory({ address: alice.address });
    assert.deepEqual(history.entries.map((entry) => entry.kind), ["issued", "exchanged_out", "exchanged_in"]);
    const owed = await client.points.getObligation({ from: "air.miles", to: "hotel.stars" });
    assert.deepEqual([owed.fen, owed.exchanges], [480, 1]);
    assert.equal((await client.points.getAgreements({})).agreements[0]?.status, "active");
    assert.equal((await client.points.getPrograms({})).total, 2);
  });

  test("behavior: a reward priced in partner points is redeemed, refunded and redeemed again, and the merchant confirms", async () => {
    const spa = { id: "hotel.spa", program: "hotel.stars", title: { zh: "水疗", en: "Spa" }, price: { program: "air.miles", points: 100 }, agreement: "air-hotel" };
    assert.equal((await send(hotel, points.publishReward(spa))).status, "ok");
    assert.equal((await client.points.getRewards({})).rewards[0]?.id, "hotel.spa");
    const first = await buildAndSend(client, walletFromPrivateKey("intl", alice.privateKey), points.redeem({ reward: "hotel.spa", quantity: 1 }));
    assert.equal((await waitForCommit(client, { hash: first.hash, timeoutMs: 20_000 })).result.status, "ok");
    assert.deepEqual([(await client.points.getObligation({ from: "air.miles", to: "hotel.stars" })).redemptions, (await client.points.getRedemption({ id: first.hash })).status], [1, "pending"]);
    assert.equal((await send(hotel, points.refundRedemption({ redemption: first.hash }))).status, "ok");
    assert.equal((await client.points.getRedemption({ id: first.hash })).status, "refunded");
    const second = await buildAndSend(client, walletFromPrivateKey("intl", alice.privateKey), points.redeem({ reward: "hotel.spa", quantity: 1 }));
    await waitForCommit(client, { hash: second.hash, timeoutMs: 20_000 });
    assert.equal((await send(hotel, points.confirmRedemption({ redemption: second.hash }))).status, "ok");
    const queue = await client.points.getRedemptions({ program: "hotel.stars" });
    assert.deepEqual(queue.redemptions.map((redemption) => redemption.status), ["refunded", "confirmed"]);
    assert.equal((await client.points.getReward({ id: "hotel.spa" })).stock, null);
  });

  test("error: a refused exchange fails with its code and a query for no program answers 404", async () => {
    const refused = await send(alice, points.exchange({ agreement: "air-hotel", amount: 201 }));
    assert.deepEqual([refused.status, refused.code], ["failed", "POINTS_MEMBER_DAILY_CAP_EXCEEDED"]);
    await assert.rejects(client.points.getProgram({ id: "no.such" }), (error: { code?: string; status?: number }) => error.code === "POINTS_PROGRAM_NOT_FOUND" && error.status === 404);
    assert.throws(() => points.registerProgram({ id: "Bad Id", name: { zh: "x", en: "x" }, faceValueFen: 1, expiry: { kind: "none" }, transferable: true }), { code: "SDK_INVALID_PARAMETER" });
  });

  test("behavior: a period is closed, its statements read, its payment confirmed by both merchants; the agreement ended; totals read at a past height", async () => {
    const closed = await send(hotel, points.closePeriod());
    assert.deepEqual([closed.status, closed.events[0]?.type], ["ok", "period_closed"]);
    const period = await client.points.getSettlementPeriod({ number: 1 });
    // 300 miles exchanged (480 fen) and a spa paid in miles twice, once refunded (160 fen).
    assert.deepEqual(period.lines.map((line) => [line.from, line.to, line.fen, line.exchanges, line.redemptions]), [["air.miles", "hotel.stars", 640, 1, 1]]);
    assert.deepEqual(period.payments.map((payment) => [payment.payer, payment.payee, payment.fen]), [["airline", "hotel", 640]]);
    const statement = await client.points.getStatement({ period: 1, merchant: "hotel" });
    assert.deepEqual([statement.owedFen, statement.netFen, statement.partners.map((partner) => partner.partner)], [640, 640, ["airline"]]);
    const behind = await client.points.getStatementTransactions({ period: 1, from: "air.miles", to: "hotel.stars", limit: 3 });
    assert.deepEqual([behind.total, behind.next, behind.transactions.map((entry) => [entry.kind, entry.fen])], [4, 3, [["exchange", 480], ["redemption", 160], ["refund", -160]]]);
    const wrong = await send(hotel, points.confirmSettlement({ period: 1, payment: 0, side: "paid" })).catch((error: { code?: string }) => error);
    assert.equal((wrong as { code?: string }).code, "POINTS_STATEMENT_WRONG_MERCHANT", "refused at admission");
    assert.equal((await send(airline, points.confirmSettlement({ period: 1, payment: 0, side: "paid" }))).status, "ok");
    assert.equal((await send(hotel, points.confirmSettlement({ period: 1, payment: 0, side: "received" }))).status, "ok");
    assert.deepEqual((await client.points.getSettlementPeriods({})).periods.map((summary) => [summary.number, summary.status, summary.paymentsFen]), [[1, "settled", 640]]);
    const before = await client.points.getProgramTotals({ program: "hotel.stars" });
    const ending = await buildAndSend(client, walletFromPrivateKey("intl", airline.privateKey), points.endAgreement({ id: "air-hotel" }));
    const { height } = await waitForCommit(client, { hash: ending.hash, timeoutMs: 20_000 });
    assert.equal((await client.points.getAgreement({ id: "air-hotel" })).status, "ended");
    const refused = await send(alice, points.exchange({ agreement: "air-hotel", amount: 5 }));
    assert.deepEqual([refused.status, refused.code], ["failed", "POINTS_AGREEMENT_ENDED"]);
    assert.equal((await client.points.getProgramTotals({ program: "hotel.stars", height })).issued, before.issued);
    assert.throws(() => points.confirmSettlement({ period: 0, payment: 0, side: "paid" }), { code: "SDK_INVALID_PARAMETER" });
  });
});
