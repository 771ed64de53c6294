import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { getSuite } from "@kexin/core";
import { type KexinClient, type TxCall, type Wallet, createKexinClient, identity, points, walletFromPrivateKey } from "@kexin/sdk";
import { waitFor } from "./support/nodeProcess.ts";
import { type RunningTestnet, startTestnet } from "./support/testnet.ts";
import { commitOk, testnetWallet } from "./support/testnetClient.ts";

/**
 * Three merchants of a points-sharing platform, each working through its own validator of a
 * 4-validator testnet: a shopping alliance, a provincial tourism bureau (as Hainan's tourism points)
 * and a hospital. Their customer holds alliance points, exchanges them for tourism points and those
 * for health points, and redeems a hospital's reward priced in tourism points; the period is then netted and settled by both sides of each payment. What each program owes the next must read the same on
 * all four validators.
 */
const merchants = [
  { org: "merchant", node: 0, program: "mall.points", name: { zh: "商户联盟积分", en: "Mall points" }, expiry: { kind: "days", days: 365 } },
  { org: "bureau", node: 1, program: "tour.points", name: { zh: "旅游积分", en: "Tourism points" }, expiry: { kind: "none" } },
  { org: "hospital", node: 2, program: "health.points", name: { zh: "健康积分", en: "Health points" }, expiry: { kind: "days", days: 30 } },
] as const;
type Organisation = (typeof merchants)[number]["org"];
/** The customer talks to the fourth validator (the notary office's), which no merchant uses. */
const customerNode = 3;

const commitTimeoutMs = 30_000;
/** 5 mall points for 1 tourism point; the alliance owes the bureau 8 fen per tourism point issued. */
const mallToTour = { id: "mall-to-tour", from: "mall.points", to: "tour.points", rate: { from: 5, to: 1 }, settlementFenPerPoint: 8 };
/** 1 tourism point for 2 health points; the bureau owes the hospital 3 fen per health point issued. */
const tourToHealth = { id: "tour-to-health", from: "tour.points", to: "health.points", rate: { from: 1, to: 2 }, settlementFenPerPoint: 3 };
const issued = 1_000;
const mallGiven = 300;
const tourGiven = 40;
const rewardPrice = 10;

interface Merchant {
  readonly org: Organisation;
  readonly program: string;
  readonly client: KexinClient;
  readonly admin: Wallet;
}

let testnet: RunningTestnet;
let staff: Record<Organisation, Merchant>;
let customer: Wallet;
let customerClient: KexinClient;
/** The last transaction of the flow; every validator must have committed it before the comparisons. */
let lastTx: string;

function clientOf(node: number): KexinClient {
  return createKexinClient({ url: (testnet.nodes[node] as RunningTestnet["nodes"][number]).url });
}

function adminWallet(org: string): Wallet {
  return testnetWallet(testnet, `${org}-admin`);
}

/** Sends a call through `client`'s validator and requires it to commit there and execute successfully. */
function commit(client: KexinClient, wallet: Wallet, call: TxCall, who: string) {
  return commitOk(client, wallet, call, who, commitTimeoutMs);
}

function agreementTerms(agreement: typeof mallToTour | typeof tourToHealth) {
  return { ...agreement, rounding: "down" as const, fee: { fixed: 0, basisPoints: 0 }, memberDailyCap: 10_000, totalDailyCap: 100_000, validFrom: 0, validUntil: Number.MAX_SAFE_INTEGER };
}

describe("points on a 4-validator testnet: three merchants on three validators", () => {
  before(async () => {
    testnet = await startTestnet(4);
    const suite = getSuite((await clientOf(0).getStatus()).suite);
    staff = Object.fromEntries(merchants.map(({ org, node, program }) => [org, { org, program, client: clientOf(node), admin: adminWallet(org) }])) as Record<Organisation, Merchant>;
    customer = walletFromPrivateKey(suite.id, suite.generatePrivateKey());
    customerClient = clientOf(customerNode);
  });
  after(async () => {
    await testnet?.stop();
  });

  test("default: programs, agreements signed by both sides, exchanges A→B→C, a redemption confirmed and one refunded, the period closed and settled by both sides of each payment", { timeout: 120_000 }, async () => {
    const { merchant: mall, bureau: tour, hospital } = staff;
    // Each merchant registers its program through its own validator, all three at once; the alliance also registers its customer.
    await Promise.all(
      merchants.map(async ({ org, program, name, expiry }) => {
        await commit(staff[org].client, staff[org].admin, points.registerProgram({ id: program, name, faceValueFen: 1, expiry, transferable: true }), org);
        if (org === "merchant") await commit(mall.client, mall.admin, identity.registerMember({ org, address: customer.address, name: "customer", roles: [] }), org);
      }),
    );
    // Each agreement is proposed by the source program's merchant and accepted by the target's, each through its own validator.
    await Promise.all([commit(mall.client, mall.admin, points.proposeAgreement(agreementTerms(mallToTour)), "merchant"), commit(tour.client, tour.admin, points.proposeAgreement(agreementTerms(tourToHealth)), "bureau")]);
    await Promise.all([commit(tour.client, tour.admin, points.acceptAgreement({ id: mallToTour.id }), "bureau"), commit(hospital.client, hospital.admin, points.acceptAgreement({ id: tourToHealth.id }), "hospital")]);
    await commit(mall.client, mall.admin, points.programIssue({ program: mall.program, to: customer.address, amount: issued }), "merchant");

    const quote = await customerClient.points.getExchangeQuote({ agreement: mallToTour.id, amount: mallGiven, address: customer.address });
    assert.deepEqual([quote.received, quote.refusal], [mallGiven / 5, null], "the quote on the customer's validator");
    await commit(customerClient, customer, points.exchange({ agreement: mallToTour.id, amount: mallGiven }), "customer");
    await commit(customerClient, customer, points.exchange({ agreement: tourToHealth.id, amount: tourGiven }), "customer");

    await commit(hospital.client, hospital.admin, points.publishReward({ id: "health.checkup", program: hospital.program, title: { zh: "体检套餐", en: "Health check-up" }, price: { program: tour.program, points: rewardPrice }, agreement: tourToHealth.id, stock: 5 }), "hospital");
    const kept = await commit(customerClient, customer, points.redeem({ reward: "health.checkup", quantity: 1 }), "customer");
    const returned = await commit(customerClient, customer, points.redeem({ reward: "health.checkup", quantity: 1 }), "customer");
    // The hospital's validator may not have the redemptions yet: it settles them once it has committed them.
    await hospital.client.waitForCommit({ hash: returned.hash, timeoutMs: commitTimeoutMs });
    await commit(hospital.client, hospital.admin, points.confirmRedemption({ redemption: kept.hash }), "hospital");
    await commit(hospital.client, hospital.admin, points.refundRedemption({ redemption: returned.hash }), "hospital");

    // Settlement: the bureau closes the period. The alliance owes the bureau 480 fen and the bureau the hospital 300, netted into the alliance paying both.
    const mallOwesFen = (mallGiven / 5) * 8;
    const tourOwesFen = (tourGiven + rewardPrice) * 2 * 3;
    const closed = await commit(tour.client, tour.admin, points.closePeriod(), "bureau");
    const clients = testnet.nodes.map((_, node) => clientOf(node));
    await Promise.all(clients.map((client) => client.waitForCommit({ hash: closed.hash, timeoutMs: commitTimeoutMs })));
    const statements = await Promise.all(clients.map((client) => Promise.all(merchants.map(({ org }) => client.points.getStatement({ period: 1, merchant: org })))));
    const [statementsOnFirst] = statements;
    assert.ok(statementsOnFirst);
    for (const [node, view] of statements.entries()) assert.deepEqual(view, statementsOnFirst, `node${node + 1}'s statements as node1's`);
    assert.deepEqual(
      statementsOnFirst.map((statement) => [statement.merchant, statement.owesFen, statement.owedFen, statement.netFen, statement.status]),
      [
        ["merchant", mallOwesFen, 0, -mallOwesFen, "open"],
        ["bureau", tourOwesFen, mallOwesFen, mallOwesFen - tourOwesFen, "open"],
        ["hospital", 0, tourOwesFen, tourOwesFen, "open"],
      ],
    );
    const { payments } = await hospital.client.points.getSettlementPeriod({ number: 1 });
    assert.deepEqual(
      payments.map((payment) => [payment.payer, payment.payee, payment.fen]),
      [
        ["merchant", "hospital", tourOwesFen],
        ["merchant", "bureau", mallOwesFen - tourOwesFen],
      ],
      "the one debtor pays each creditor its net, the largest first",
    );
    // Each merchant confirms its side of each of its payments on its own validator, the merchants at the same time.
    const confirmations = (
      await Promise.all(
        merchants.map(async ({ org }) => {
          const committed = [];
          for (const [index, payment] of payments.entries()) {
            const side = payment.payer === org ? "paid" : payment.payee === org ? "received" : undefined;
            if (side !== undefined) committed.push(await commit(staff[org].client, staff[org].admin, points.confirmSettlement({ period: 1, payment: index, side }), org));
          }
          return committed;
        }),
      )
    ).flat();
    const last = confirmations.reduce((latest, committed) => (committed.height > latest.height ? committed : latest));
    const periods = await Promise.all(clients.map(async (client) => (await client.waitForCommit({ hash: last.hash, timeoutMs: commitTimeoutMs }), await client.points.getSettlementPeriod({ number: 1 }))));
    for (const [node, period] of periods.entries()) assert.deepEqual([period.status, period.unsettled, period.settledAt], ["settled", 0, last.height], `node${node + 1}: settled by the last confirmation`);
    lastTx = last.hash;

    // The flow's last transaction committed on every validator; the customer reads its balances on its own.
    await customerClient.waitForCommit({ hash: lastTx, timeoutMs: commitTimeoutMs });
    const { balances } = await customerClient.points.getMemberBalances({ address: customer.address });
    assert.deepEqual(Object.fromEntries(balances.map((entry) => [entry.program, entry.balance])), { "mall.points": issued - mallGiven, "tour.points": mallGiven / 5 - tourGiven - rewardPrice, "health.points": tourGiven * 2 }, "the refunded price is back, the confirmed one spent");
  });

  test("behavior: obligations, totals, redemptions and the app hash read the same on all four validators", { timeout: 60_000 }, async () => {
    assert.ok(lastTx, "the flow ran");
    const clients = testnet.nodes.map((_, node) => clientOf(node));
    const committed = await Promise.all(clients.map((client) => client.waitForCommit({ hash: lastTx, timeoutMs: commitTimeoutMs })));
    const height = (committed[0] as (typeof committed)[number]).height;
    const views = await Promise.all(
      clients.map(async (client) => ({
        mallOwesTour: await client.points.getObligation({ from: mallToTour.from, to: mallToTour.to, height }),
        tourOwesHealth: await client.points.getObligation({ from: tourToHealth.from, to: tourToHealth.to, height }),
        totals: await Promise.all(merchants.map(({ program }) => client.points.getProgramTotals({ program }))),
        redemptions: (await client.points.getRedemptions({ program: "health.points" })).redemptions.map((entry) => [entry.status, entry.owedFen]),
      })),
    );
    const [first] = views;
    assert.ok(first);
    // What each program owes the next: the exchanges' points received times the agreed fen, plus the confirmed redemption's.
    assert.deepEqual(first.mallOwesTour, { from: "mall.points", to: "tour.points", height, fen: (mallGiven / 5) * 8, exchanges: 1, redemptions: 0, pointsGiven: mallGiven, pointsReceived: mallGiven / 5 });
    assert.deepEqual(first.tourOwesHealth, {
      from: "tour.points",
      to: "health.points",
      height,
      fen: (tourGiven * 2 + rewardPrice * 2) * 3,
      exchanges: 1,
      redemptions: 1,
      pointsGiven: tourGiven + rewardPrice,
      pointsReceived: (tourGiven + rewardPrice) * 2,
    });
    assert.deepEqual(first.redemptions, [
      ["confirmed", rewardPrice * 2 * 3],
      ["refunded", rewardPrice * 2 * 3],
    ]);
    for (const totals of first.totals) assert.equal(totals.issued, totals.outstanding + totals.burnt + totals.expired, `${totals.program} conserves its points`);
    for (const [node, view] of views.entries()) assert.deepEqual(view, first, `node${node + 1} answers as node1 at height ${height}`);

    // A header's app hash is the state after the block before it: a common height past the refund's block covers the whole flow.
    const common = await waitFor(
      `every validator to pass height ${height}`,
      async () => {
        const lowest = Math.min(...(await Promise.all(clients.map(async (client) => (await client.getStatus()).height))));
        return lowest > height ? lowest : undefined;
      },
      commitTimeoutMs,
    );
    const headers = await Promise.all(clients.map(async (client) => (await client.getBlock({ height: common })).header));
    for (const [node, header] of headers.entries()) assert.equal(header.appHash, (headers[0] as (typeof headers)[number]).appHash, `node${node + 1}'s app hash at height ${common}`);
  });
});
