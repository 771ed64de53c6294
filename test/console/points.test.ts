import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { addressOf, exportEncryptedKeyFile, getSuite, toHex } from "@kexin/core";
import { type KexinClient, type TxCall, buildAndSend, createKexinClient, points, waitForCommit, walletFromPrivateKey } from "@kexin/sdk";
import type { Browser, Page } from "playwright-core";
import { parseGenesis } from "../../packages/node/src/genesis.ts";
import { type TestChain, startTestChain } from "../../packages/node/test/support.ts";
import { keyFileCost, openKey, passphrase } from "./datashareSupport.ts";
import { ensureConsoleBuilt, launchChromium, openPage, screenshot, settleAll, stopAll, temporaryDirectory, waitUntil } from "./support.ts";

const suite = getSuite("intl");
function key() {
  const privateKey = suite.generatePrivateKey();
  return { privateKey, publicKeyHex: toHex(suite.publicKeyOf(privateKey)), address: addressOf(suite, suite.publicKeyOf(privateKey)) };
}

const miles = { id: "air.miles", name: { zh: "航空里程", en: "Air miles" }, faceValueFen: 4, expiry: { kind: "none" }, transferable: true } as const;
const stars = { id: "hotel.stars", name: { zh: "酒店星值", en: "Hotel stars" }, faceValueFen: 10, expiry: { kind: "none" }, transferable: false } as const;
const terms = { id: "air-hotel", from: "air.miles", to: "hotel.stars", rate: { from: 5, to: 1 }, rounding: "down", fee: { fixed: 0, basisPoints: 0 }, settlementFenPerPoint: 8, memberDailyCap: 5_000, totalDailyCap: 50_000, validFrom: 0, validUntil: 4_000_000_000_000 } as const;
const spa = { id: "hotel.spa", program: "hotel.stars", title: { zh: "水疗", en: "Spa" }, price: { program: "hotel.stars", points: 20 } } as const;
const issued = 2_000;
/** Miles the member gives in each language's exchange. */
const given = 300;
const receivedPerExchange = (given * terms.rate.to) / terms.rate.from;

/** What the page says in each language, where the test reads words rather than attributes. */
const languages = {
  "zh-CN": { title: "积分", milesName: "航空里程", starsName: "酒店星值", merchantTab: "商户看板", walletTab: "会员钱包", liability: /¥\d+\.\d\d/, paidDone: /区块 \d+ 确认/ },
  en: { title: "Points", milesName: "Air miles", starsName: "Hotel stars", merchantTab: "Merchant's dashboard", walletTab: "Member's wallet", liability: /¥\d+\.\d\d/, paidDone: /confirmed in block \d+/ },
} as const;

describe("console: the Points pages — a member's wallet and a merchant's dashboard on a real node", () => {
  const airline = key();
  const hotel = key();
  const alice = key();
  let chain: TestChain;
  let client: KexinClient;
  let browser: Browser;
  let files: string;
  const keyFiles = { alice: "", airline: "" };
  const send = async (signer: { privateKey: Uint8Array }, call: TxCall) => {
    const sent = await buildAndSend(client, walletFromPrivateKey("intl", signer.privateKey), call);
    const committed = await waitForCommit(client, { hash: sent.hash, timeoutMs: 20_000 });
    assert.equal(committed.result.status, "ok", `${call.type}: ${committed.result.code} ${committed.result.message}`);
    return committed;
  };
  const balanceOf = async (program: string) => (await client.points.getMemberBalances({ address: alice.address })).balances.find((entry) => entry.program === program)?.balance ?? 0;

  before(async () => {
    files = temporaryDirectory("kexin-console-points-");
    const validatorKey = suite.generatePrivateKey();
    const genesis = parseGenesis({
      chainId: "kexin-points-console",
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
    await settleAll([launchChromium().then((launched) => (browser = launched)), ensureConsoleBuilt(), startTestChain({ genesis, validatorKey }).then((started) => (chain = started))]);
    client = createKexinClient({ url: chain.url });
    await send(airline, points.registerProgram(miles));
    await send(hotel, points.registerProgram(stars));
    await send(airline, points.programIssue({ program: miles.id, to: alice.address, amount: issued }));
    await send(airline, points.proposeAgreement(terms));
    await send(hotel, points.acceptAgreement({ id: terms.id }));
    await send(hotel, points.publishReward(spa));
    keyFiles.alice = join(files, "alice.key");
    writeFileSync(keyFiles.alice, exportEncryptedKeyFile(suite, alice.privateKey, passphrase, keyFileCost));
    keyFiles.airline = join(files, "airline-admin.key");
    writeFileSync(keyFiles.airline, exportEncryptedKeyFile(suite, airline.privateKey, passphrase, keyFileCost));
  });

  after(async () => {
    await stopAll([() => browser?.close(), () => chain?.close(), () => files && rmSync(files, { recursive: true, force: true })]);
  });

  /** The balance the wallet's table shows for a program, once it shows `expected`. */
  const waitForBalance = (page: Page, program: string, expected: number) =>
    waitUntil(`the wallet to show ${expected} ${program}`, async () => {
      const row = page.getByTestId("points-balances").locator(`tr[data-program="${program}"]`);
      return (await row.count()) > 0 && Number(await row.getAttribute("data-balance")) === expected ? row : undefined;
    });

  for (const [language, words] of Object.entries(languages)) {
    test(`behavior (${language}): the member sees balances, gets a live quote, exchanges and redeems; the merchant sees liabilities and the closed period's statement and confirms the payment`, { timeout: 60_000 }, async () => {
      const { context, page, errors } = await openPage(browser, { locale: language === "en" ? "en-US" : "zh-CN" });
      try {
        const before = { miles: await balanceOf(miles.id), stars: await balanceOf(stars.id) };
        await page.goto(`${chain.url}/points`);
        await page.getByRole("heading", { level: 1, name: words.title, exact: true }).waitFor();
        await openKey(page, keyFiles.alice, alice.address);
        const milesRow = await waitForBalance(page, miles.id, before.miles);
        assert.match(await milesRow.innerText(), new RegExp(`${words.milesName}\\s+air\\.miles\\s+${before.miles}\\s+¥0\\.04`), "the program's name in the page's language, the balance and the face value");

        const quote = page.getByTestId("exchange-quote");
        const tooMany = before.miles + 1;
        const refused = await client.points.getExchangeQuote({ agreement: terms.id, amount: tooMany, address: alice.address });
        assert.ok(refused.refusal, "more miles than the member holds cannot be exchanged");
        await page.getByTestId("exchange-amount").fill(String(tooMany));
        await page.getByTestId("exchange-quote-refusal").waitFor();
        assert.equal(await quote.getAttribute("data-refusal"), refused.refusal.code, "the node's refusal is shown before anything is signed");
        assert.ok(await page.getByTestId("exchange-submit").isDisabled(), "an exchange the quote refuses cannot be signed");
        await page.getByTestId("exchange-amount").fill(String(given));
        await waitUntil("the quote of the new amount", async () => ((await quote.count()) > 0 && (await quote.getAttribute("data-refusal")) === "" ? true : undefined));
        const live = await client.points.getExchangeQuote({ agreement: terms.id, amount: given, address: alice.address });
        assert.deepEqual([Number(await quote.getAttribute("data-received")), await quote.getAttribute("data-refusal")], [live.received, ""], "the quote is the node's");
        assert.equal(live.received, receivedPerExchange);
        await page.getByTestId("exchange-submit").click();
        await page.getByTestId("exchange-done").waitFor();
        await waitForBalance(page, stars.id, before.stars + receivedPerExchange);
        await waitForBalance(page, miles.id, before.miles - given);

        await page.getByTestId("redeem-reward").selectOption(spa.id);
        await page.getByTestId("redeem-submit").click();
        await page.getByTestId("redeem-done").waitFor();
        await waitForBalance(page, stars.id, before.stars + receivedPerExchange - spa.price.points);
        const redemptions = (await client.points.getRedemptions({ address: alice.address })).redemptions;
        assert.equal(redemptions.at(-1)?.id, await page.getByTestId("redeem-done").getAttribute("data-tx"), "the redemption was signed in the browser");
        const firstPage = await client.points.getPointsHistory({ address: alice.address, limit: 10 });
        const shown = page.getByTestId("points-history").locator("tr[data-kind]");
        await waitUntil("the history's first page", async () => ((await shown.count()) === firstPage.entries.length ? true : undefined));
        assert.deepEqual(await shown.evaluateAll((rows) => rows.map((row) => row.getAttribute("data-kind"))), firstPage.entries.map((entry) => entry.kind), "the history's first page, oldest first");
        assert.equal(await page.getByTestId("points-history-pager").getByRole("button").count(), firstPage.next === null ? 0 : 2, "a pager once the history has more than a page");
        await screenshot(page, `points-wallet-${language}`);

        await send(hotel, points.closePeriod());
        const period = (await client.points.getSettlementPeriods({})).periods.at(-1);
        assert.ok(period);
        await page.getByRole("link", { name: words.merchantTab }).click();
        await page.getByTestId("merchant-program").selectOption(miles.id);
        const totals = await client.points.getProgramTotals({ program: miles.id });
        const shownTotals = page.getByTestId("points-totals");
        await waitUntil("the totals of air.miles", async () => ((await shownTotals.count()) > 0 && Number(await shownTotals.getAttribute("data-outstanding")) === totals.outstanding) || undefined);
        assert.equal(Number(await shownTotals.getAttribute("data-liability-fen")), totals.liabilityFen);
        assert.match(await page.getByTestId("points-liability").innerText(), words.liability);
        const owed = await client.points.getObligation({ from: miles.id, to: stars.id });
        const bar = page.getByTestId("flows-chart").locator(`g[data-partner="${stars.id}"]`);
        await bar.waitFor();
        assert.deepEqual([Number(await bar.getAttribute("data-owes-fen")), Number(await bar.getAttribute("data-owed-fen"))], [owed.fen, 0], "the chart draws what the program owes its partner");
        assert.match((await bar.textContent()) ?? "", new RegExp(words.starsName), "the partner by its name in the page's language");

        const statement = page.getByTestId("statement");
        await waitUntil(`the statement of period ${period.number}`, async () => ((await statement.count()) > 0 && Number(await statement.getAttribute("data-period")) === period.number) || undefined);
        const expected = await client.points.getStatement({ period: period.number, merchant: "airline" });
        assert.equal(Number(await statement.getAttribute("data-net-fen")), expected.netFen);
        assert.equal(expected.netFen, -receivedPerExchange * terms.settlementFenPerPoint, "the period holds this language's exchange only");
        await page.getByTestId("statement-lines").locator(`tr[data-line="${miles.id}>${stars.id}"]`).getByTestId("show-line-transactions").click();
        const behind = page.getByTestId("line-transactions").locator("tr[data-tx]");
        await behind.first().waitFor();
        const lineTransactions = (await client.points.getStatementTransactions({ period: period.number, from: miles.id, to: stars.id })).transactions;
        assert.deepEqual(await behind.evaluateAll((rows) => rows.map((row) => [row.getAttribute("data-kind"), Number(row.getAttribute("data-fen"))])), lineTransactions.map((entry) => [entry.kind, entry.fen]));

        const payment = page.getByTestId("statement-payments").locator('tr[data-payment="0"]');
        assert.deepEqual([await payment.getAttribute("data-payer"), await payment.getAttribute("data-payee"), await payment.getAttribute("data-paid")], ["airline", "hotel", "false"]);
        await openKey(page, keyFiles.airline, airline.address);
        await payment.getByTestId("confirm-paid").click();
        await page.getByTestId("confirm-settlement-done").waitFor();
        await page.getByTestId("statement-payments").locator('tr[data-payment="0"][data-paid="true"]').waitFor();
        assert.match(await page.getByTestId("statement-payments").locator('tr[data-payment="0"]').innerText(), words.paidDone);
        const confirmed = await client.points.getSettlementPeriod({ number: period.number });
        assert.equal(confirmed.payments[0]?.paid?.by, airline.address, "the airline's admin confirmed the payment, signed in the browser");
        assert.equal(await page.getByTestId("line-transactions").count(), 1, "the statement reread after the confirmation keeps the line the reader opened");
        await screenshot(page, `points-merchant-${language}`);
        for (const path of ["/points/merchant", "/points"]) {
          await page.setViewportSize({ width: 375, height: 812 });
          if (path === "/points") await page.getByRole("link", { name: words.walletTab }).click();
          await page.getByTestId(path === "/points" ? "points-exchange" : "statement").waitFor();
          const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
          assert.ok(widths.scroll <= widths.client, `${path} is ${widths.scroll} px wide on a ${widths.client} px screen`);
        }
        assert.deepEqual(errors, [], "no uncaught error in the page");
      } finally {
        await context.close();
      }
    });
  }
});
