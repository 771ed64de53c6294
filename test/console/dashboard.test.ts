import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { type TestChain, startTestChain } from "../../packages/node/test/support.ts";
import { ensureConsoleBuilt, launchChromium, openPage, screenshot, stopAll, waitMs, waitUntil } from "./support.ts";

describe("console: served by the node, dashboard, languages, narrow screens", () => {
  let chain: TestChain;
  let browser: Browser;

  before(async () => {
    browser = await launchChromium();
    await ensureConsoleBuilt();
    chain = await startTestChain();
  });

  after(async () => {
    await stopAll([() => browser?.close(), () => chain?.close()]);
  });

  async function submitIssue(amount: number): Promise<string> {
    const { alice, stranger } = chain.accounts;
    const signed = await chain.sign(alice, { module: "points", type: "issue", payload: { to: stranger.address, amount } });
    const answer = await chain.post("/v1/txs", { tx: signed.hex });
    assert.equal(answer.status, 202, `the node should admit the transaction, answered ${JSON.stringify(answer.body)}`);
    return signed.hash;
  }

  test("default: / and deep links serve the console; API paths keep their JSON answers", async () => {
    for (const path of ["/", "/explorer", "/explorer/txs/00", "/verify", "/datashare/datasets/housing.property"]) {
      const response = await fetch(`${chain.url}${path}`);
      assert.equal(response.status, 200, `GET ${path} should answer 200`);
      assert.match(response.headers.get("content-type") ?? "", /text\/html/, `GET ${path} should be the console's HTML`);
      assert.match(await response.text(), /<div id="root">/, `GET ${path} should be index.html`);
    }
    for (const path of ["/v1/nothing-here", "/docs/nothing-here.js", "/metrics/extra", "/assets/missing.js", "/assets/missing", "/favicon.ico"]) {
      const response = await fetch(`${chain.url}${path}`);
      assert.equal(response.status, 404, `GET ${path} should stay a 404, not the console`);
      const body = (await response.json()) as { error?: { code?: string } };
      assert.equal(body.error?.code, "NOT_FOUND", `GET ${path} should answer the API's error body`);
    }
    const status = await fetch(`${chain.url}/v1/status`);
    assert.equal(status.status, 200, "GET /v1/status should still be the API");
    assert.equal(((await status.json()) as { chainId?: string }).chainId, "kexin-test", "GET /v1/status should answer the chain's status");
    const healthz = await fetch(`${chain.url}/healthz`);
    assert.equal(((await healthz.json()) as { status?: string }).status, "ok", "GET /healthz should still be the health check");
  });

  test("behavior: the dashboard's tx/s rises above zero while transactions are submitted, pushed over the WebSocket", async () => {
    const { context, page, errors } = await openPage(browser);
    try {
      await page.goto(`${chain.url}/`);
      await page.getByTestId("feed-state").filter({ hasText: "live" }).waitFor();
      const idleRate = Number(await page.getByTestId("tx-rate-value").getAttribute("data-value"));
      assert.equal(idleRate, 0, "with nothing committed yet the dashboard should show 0 tx/s");
      const validatorRows = page.getByTestId("validators").locator("tbody tr");
      assert.equal(await validatorRows.count(), 1, "the dev chain's single validator should be listed");
      assert.match((await validatorRows.first().innerText()).replace(/\s+/g, " "), / 1 /, "the validator's voting power (1) should be shown");

      // Submits while watching, as an operator would see it; stops as soon as the figure moves.
      const deadline = Date.now() + waitMs;
      let shownRate = 0;
      let submitted = 0;
      while (shownRate <= 0 && Date.now() < deadline) {
        await submitIssue(1 + submitted);
        submitted += 1;
        await new Promise((resolve) => setTimeout(resolve, 100));
        shownRate = Number(await page.getByTestId("tx-rate-value").getAttribute("data-value"));
      }
      assert.ok(shownRate > 0, `the displayed tx/s should rise above 0 after ${submitted} transactions, still shows ${shownRate}`);
      const height = await waitUntil("the height card to show a committed block", async () => {
        const text = (await page.getByTestId("height").innerText()).replace(/[^0-9]/g, "");
        return Number(text) >= 1 ? Number(text) : undefined;
      });
      assert.ok(height >= 1, `the height card should show the committed height, shows ${height}`);
      await page
        .getByTestId("validators")
        .getByText(/signed block \d+/)
        .waitFor();
      assert.equal(await page.locator(".chart canvas").count(), 1, "the throughput chart should be drawn");
      const validatorAddress = ((await chain.get("/v1/status")).body.validators as { address: string }[])[0]?.address;
      assert.equal(await page.getByTestId("consensus-proposer").innerText(), validatorAddress, "the solo validator should be shown as the round's proposer");
      await waitUntil("the consensus panel to follow the committed height", async () => Number(await page.getByTestId("consensus-round").getAttribute("data-height")) > height || undefined);
      assert.equal(await page.getByTestId("consensus-round").getAttribute("data-round"), "0", "solo decides every height in round 0");
      assert.equal(await page.getByTestId("consensus-step").innerText(), "propose");
      assert.equal(await page.getByTestId("consensus-rounds-above-zero").getAttribute("data-value"), "0");
      assert.doesNotMatch(await page.getByTestId("consensus-last-commit").innerText(), /none since/, "a commit since the node started should show its time");
      assert.equal(await page.getByTestId("consensus-halted").innerText(), "no, running");
      assert.deepEqual(errors, [], "the page should raise no uncaught errors");
      await screenshot(page, "dashboard-live");
    } finally {
      await context.close();
    }
  });

  test("behavior: the browser's language is the default, the switch changes every label and is remembered", async () => {
    const { context, page, errors } = await openPage(browser, { locale: "zh-CN" });
    try {
      await page.goto(`${chain.url}/`);
      const nav = page.getByTestId("main-nav");
      await nav.getByText("概览").waitFor();
      assert.equal(await page.locator("html").getAttribute("lang"), "zh-CN", "a Chinese browser should get the Chinese console");
      assert.ok((await page.locator("h1").innerText()).includes("概览"), "the dashboard title should be in Chinese");
      await page.getByTestId("consensus-step").getByText("提议").waitFor();
      assert.match(await page.getByTestId("consensus-round").innerText(), /^高度 \d+ 第 0 轮$/, "the consensus panel should be in Chinese");
      await screenshot(page, "language-zh-CN");

      await page.getByTestId("language-switch").getByRole("button", { name: "English" }).click();
      await nav.getByText("Dashboard").waitFor();
      assert.equal(await page.locator("html").getAttribute("lang"), "en", "switching should change the document language");
      assert.equal(await page.locator("h1").innerText(), "Dashboard", "the page title should switch to English");
      assert.equal(await nav.getByText("概览").count(), 0, "no Chinese navigation label should remain after switching");

      await page.goto(`${chain.url}/verify`);
      await page.getByRole("heading", { name: "Verify a receipt" }).waitFor();
      assert.equal(await page.locator("html").getAttribute("lang"), "en", "the chosen language should outlive a page load");
      assert.deepEqual(errors, [], "the page should raise no uncaught errors");
      await screenshot(page, "language-en-remembered");
    } finally {
      await context.close();
    }
  });

  test("behavior: at 375 px every page fits the screen without sideways scrolling", async () => {
    await submitIssue(5);
    const { context, page, errors } = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    try {
      for (const [name, path, ready] of [
        ["dashboard", "/", "feed-state"],
        ["explorer", "/explorer", "recent-blocks"],
        ["verify", "/verify", "drop-zone"],
      ] as const) {
        await page.goto(`${chain.url}${path}`);
        await page.getByTestId(ready).waitFor();
        const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
        assert.ok(widths.scroll <= widths.client, `${path} is ${widths.scroll} px wide on a ${widths.client} px screen`);
        await screenshot(page, `narrow-${name}`);
      }
      assert.deepEqual(errors, [], "the pages should raise no uncaught errors");
    } finally {
      await context.close();
    }
  });
});
