import assert from "node:assert/strict";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { type TestChain, startTestChain, waitForCommitted } from "../../packages/node/test/support.ts";
import { ensureConsoleBuilt, launchChromium, openPage, screenshot, stopAll, temporaryDirectory, waitUntil } from "./support.ts";

interface Committed {
  readonly hash: string;
  readonly height: number;
  readonly receipt: Record<string, unknown>;
  /** The node's whole answer for the transaction, as `kexin tx get <hash> --json` saves it. */
  readonly answer: Record<string, unknown>;
}

describe("console: explorer to a committed transaction, its proof, and offline verification", () => {
  let chain: TestChain;
  let browser: Browser;
  let target: Committed;
  let downloads: string;

  before(async () => {
    browser = await launchChromium();
    await ensureConsoleBuilt();
    downloads = temporaryDirectory("kexin-console-downloads-");
    chain = await startTestChain();
    const { alice, stranger } = chain.accounts;
    // A few transactions so the explorer has blocks to list; the last one is the one followed.
    let hash = "";
    for (const amount of [10, 20, 42]) {
      const signed = await chain.sign(alice, { module: "points", type: "issue", payload: { to: stranger.address, amount } });
      const answer = await chain.post("/v1/txs", { tx: signed.hex });
      assert.equal(answer.status, 202, `the node should admit the transaction, answered ${JSON.stringify(answer.body)}`);
      hash = signed.hash;
    }
    const committed = await waitForCommitted(chain, hash);
    target = { hash, height: committed.height as number, receipt: committed.receipt as Record<string, unknown>, answer: committed };
  });

  after(async () => {
    await stopAll([() => browser?.close(), () => chain?.close(), () => downloads && rmSync(downloads, { recursive: true, force: true })]);
  });

  async function search(page: Page, query: string): Promise<void> {
    await page.getByRole("searchbox").fill(query);
    await page.getByRole("button", { name: "Search" }).click();
  }

  /** Goes from the explorer's search to the target transaction's page, as a person would. */
  async function openTargetThroughExplorer(page: Page): Promise<void> {
    await page.goto(`${chain.url}/explorer`);
    await page.getByTestId("recent-blocks").getByRole("link", { name: String(target.height), exact: true }).waitFor();
    await search(page, String(target.height));
    await page.waitForURL(`**/explorer/blocks/${target.height}`);
    await page.getByTestId("block-txs").getByRole("link", { name: target.hash }).click();
    await page.waitForURL(`**/explorer/txs/${target.hash}`);
    await page.getByTestId("tx-status").filter({ hasText: "committed" }).waitFor();
  }

  test("behavior: the explorer reaches a committed transaction by height, by hash and through its signer's account", async () => {
    const { context, page, errors } = await openPage(browser);
    try {
      await openTargetThroughExplorer(page);
      assert.equal(await page.getByTestId("tx-module").innerText(), "points", "the decoded module should be shown");
      assert.equal(await page.getByTestId("tx-type").innerText(), "issue", "the decoded type should be shown");
      const payload = JSON.parse(await page.getByTestId("tx-payload").innerText()) as { amount?: number; to?: string };
      assert.equal(payload.amount, 42, "the decoded payload should show the amount sent");
      assert.equal(payload.to, chain.accounts.stranger.address, "the decoded payload should show the recipient");
      assert.match(await page.getByTestId("tx-result").innerText(), /succeeded/, "the result should say it succeeded");
      assert.match(await page.getByTestId("tx-events").innerText(), /points\.issued/, "the result's events should be listed");
      await screenshot(page, "explorer-tx");

      await search(page, `0x${target.hash.toUpperCase()}`);
      await page.waitForURL(`**/explorer/txs/${target.hash}`);
      await page.getByTestId("tx-status").filter({ hasText: "committed" }).waitFor();

      const blockHash = ((await chain.get(`/v1/blocks/${target.height}`)).body as { hash: string }).hash;
      await search(page, blockHash);
      await page.waitForURL(`**/explorer/blocks/${target.height}`);

      await search(page, chain.accounts.alice.address);
      await page.waitForURL(`**/explorer/accounts/${chain.accounts.alice.address}`);
      await page.getByTestId("account-facts").getByText("alice").waitFor();

      await page.goto(`${chain.url}/explorer/txs/${target.hash}`);
      await page.getByRole("button", { name: "Verify in this browser" }).click();
      await page.waitForURL("**/verify");
      assert.equal(await page.getByTestId("verdict").getAttribute("data-ok"), "true", "the explorer's receipt should verify on the Verify page");

      await page.goto(`${chain.url}/explorer`);
      await search(page, "not-a-thing");
      assert.match(await page.getByTestId("search-message").innerText(), /not a height/, "an unrecognised search should say why");
      await search(page, "ab".repeat(32));
      assert.match(await page.getByTestId("search-message").innerText(), /Nothing on this node/, "an unknown hash should say nothing matched");
      assert.deepEqual(errors, [], "the pages should raise no uncaught errors");
    } finally {
      await context.close();
    }
  });

  test("behavior: the downloaded proof verifies on the Verify page with the browser offline", async () => {
    const { context, page, errors } = await openPage(browser);
    try {
      await openTargetThroughExplorer(page);
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-proof").click()]);
      const saved = join(downloads, download.suggestedFilename());
      await download.saveAs(saved);
      const downloaded = JSON.parse(readFileSync(saved, "utf8")) as Record<string, unknown>;
      assert.deepEqual(downloaded, target.receipt, "the downloaded proof should be the node's receipt for the transaction");

      await page.getByRole("link", { name: "Verify", exact: true }).click();
      await page.getByTestId("drop-zone").waitFor();
      await context.setOffline(true);
      // The status poll failing proves the page really lost the network before the check ran.
      await page.getByTestId("unreachable").waitFor();
      await page.getByTestId("receipt-file").setInputFiles(saved);
      const verdict = page.getByTestId("verdict");
      await verdict.waitFor();
      assert.equal(await verdict.getAttribute("data-ok"), "true", `the receipt should verify offline: ${await verdict.innerText()}`);
      const steps = page.getByTestId("verify-steps").locator("li");
      const checks = await steps.evaluateAll((items) => items.map((item) => ({ check: item.getAttribute("data-check"), ok: item.getAttribute("data-ok") })));
      assert.deepEqual(
        checks.map((step) => step.check),
        ["format", "tx-signature", "tx-included", "result-included", "validators-match-header", "commit-signed"],
        "every check of verifyReceipt should be shown as a step",
      );
      assert.ok(
        checks.every((step) => step.ok === "true"),
        `every step should pass: ${JSON.stringify(checks)}`,
      );
      assert.match(await steps.nth(5).innerText(), /two thirds of the voting power/, "each step should be explained in plain words");
      assert.deepEqual(errors, [], "the page should raise no uncaught errors");
      await screenshot(page, "verify-offline-valid");
    } finally {
      await context.close();
    }
  });

  test("error: a tampered receipt is rejected offline, at the step its change breaks", async () => {
    const { context, page, errors } = await openPage(browser, { locale: "zh-CN" });
    try {
      await page.goto(`${chain.url}/verify`);
      await page.getByTestId("drop-zone").waitFor();
      await context.setOffline(true);
      // One hex digit of the last commit signature, the kind of edit a forger would try.
      const commit = String(target.receipt.commit);
      const flipped = commit.slice(0, -1) + (commit.endsWith("0") ? "1" : "0");
      const tampered = { ...target.receipt, commit: flipped };
      await page.getByTestId("receipt-file").setInputFiles({ name: "tampered.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(tampered)) });
      const verdict = page.getByTestId("verdict");
      await verdict.waitFor();
      assert.equal(await verdict.getAttribute("data-ok"), "false", "a tampered receipt must not verify");
      assert.match(await verdict.innerText(), /回执无效/, "the verdict should be in the reader's language");
      const failed = page.locator('[data-testid="verify-steps"] li[data-ok="false"]');
      assert.equal(await failed.count(), 1, "exactly one step should fail");
      assert.equal(await failed.getAttribute("data-check"), "commit-signed", "the failed step should be the block signatures");
      await screenshot(page, "verify-offline-tampered");

      // The same page, the same offline tab: an untouched receipt still passes, so the rejection came from the change.
      await page.getByTestId("receipt-file").setInputFiles({ name: "original.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(target.receipt)) });
      await waitUntil("the verdict for the original receipt", async () => ((await verdict.getAttribute("data-ok")) === "true" ? true : undefined));
      assert.deepEqual(errors, [], "the page should raise no uncaught errors");
    } finally {
      await context.close();
    }
  });

  test("behavior: a saved transaction answer verifies offline with one more step, and a changed amount beside its intact receipt fails that step", async () => {
    const { context, page, errors } = await openPage(browser);
    try {
      await page.goto(`${chain.url}/verify`);
      await page.getByTestId("drop-zone").waitFor();
      await context.setOffline(true);
      const verdict = page.getByTestId("verdict");
      const steps = page.getByTestId("verify-steps").locator("li");
      await page.getByTestId("receipt-file").setInputFiles({ name: "receipt.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(target.answer)) });
      await verdict.waitFor();
      assert.equal(await verdict.getAttribute("data-ok"), "true", `the saved answer should verify: ${await verdict.innerText()}`);
      assert.equal(await steps.last().getAttribute("data-check"), "answer-matches-receipt");
      assert.match(await steps.last().innerText(), /say exactly what the receipt proves/);

      const tx = target.answer.tx as { payload: Record<string, unknown> };
      const changed = { ...target.answer, tx: { ...tx, payload: { ...tx.payload, amount: 4200 } } };
      await page.getByTestId("receipt-file").setInputFiles({ name: "changed.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(changed)) });
      await waitUntil("the verdict for the changed answer", async () => ((await verdict.getAttribute("data-ok")) === "false" ? true : undefined));
      const failed = page.locator('[data-testid="verify-steps"] li[data-ok="false"]');
      assert.equal(await failed.count(), 1, "exactly one step should fail");
      assert.equal(await failed.getAttribute("data-check"), "answer-matches-receipt");
      assert.deepEqual(errors, [], "the page should raise no uncaught errors");
    } finally {
      await context.close();
    }
  });
});
