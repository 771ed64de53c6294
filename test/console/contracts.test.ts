import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { exportEncryptedKeyFile, toHex } from "@kexin/core";
import type { Browser, Page } from "playwright-core";
import { bundleContract } from "../../packages/cli/src/commands/contract/bundle.ts";
import { type ContractsChain, type Outcome, argsHex, codeFields, startContractsChain } from "../../packages/node/test/contracts/chain.ts";
import { ensureConsoleBuilt, launchChromium, openPage, repositoryRoot, screenshot, settleAll, stopAll, temporaryDirectory } from "./support.ts";

const passphrase = "correct horse battery staple";
// A lighter scrypt cost than new key files get, so that opening it in the page takes a fraction of a second.
const keyFileCost = { scryptN: 2 ** 12, scryptR: 8, scryptP: 1 };
const supply = 1_000;

/** What the page says in each language, where the test reads words rather than attributes. */
const languages = {
  en: { locale: "en-US", title: "Contracts", active: "active", deployProgress: "3 of 4 organisations", freezeNeeded: "2 more approvals needed", anyMember: "any registered member", float: /2\.5 is not an integer.*Nothing was signed/s, decimalPoint: /1\.0 is not an integer/, committed: /Committed in block \d+/, failed: "failed" },
  "zh-CN": { locale: "zh-CN", title: "合约", active: "运行中", deployProgress: "4 个机构中 3 个已批准", freezeNeeded: "还需 2 个批准", anyMember: "任何已登记成员", float: /2\.5 不是整数.*未进行签名/s, decimalPoint: /1\.0 不是整数/, committed: /已提交至区块 \d+/, failed: "失败" },
} as const;

function ok(outcome: Outcome): void {
  assert.equal(outcome.stage === "committed" && outcome.status, "ok", JSON.stringify(outcome));
}

describe("console: the Contracts page lists, shows, asks and calls a deployed contract", () => {
  let chain: ContractsChain;
  let browser: Browser;
  let files: string;
  let keyFile: string;
  let source: string;
  let codeHash: string;
  let overdraftTx: string;

  async function balanceOf(owner: string): Promise<number> {
    const answer = await chain.query("query", { contract: "token", method: "balanceOf", args: argsHex({ owner }) });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body.value as number;
  }

  before(async () => {
    files = temporaryDirectory("kexin-console-contracts-");
    await settleAll([
      launchChromium().then((launched) => (browser = launched)),
      ensureConsoleBuilt(),
      startContractsChain().then((started) => (chain = started)),
      bundleContract(join(repositoryRoot, "examples/contracts/token/contract.ts")).then((bundled) => (source = bundled)),
    ]);
    const { bureau, hospital, bank } = chain.admins;
    const fields = codeFields(chain.suite, source);
    codeHash = toHex(fields.codeHash);
    // The clerk, a member with no role, owns the supply and signs in the browser; the admins act through the API.
    ok(await chain.send(bureau, "propose", { id: "deploy-token", action: { kind: "deploy", name: "token", ...fields, policy: { transfer: [] }, init: { owner: chain.clerk.address, supply } } }));
    ok(await chain.send(hospital, "approve", { id: "deploy-token" }));
    ok(await chain.send(bank, "approve", { id: "deploy-token" }));
    // A freeze still collecting approvals: the proposer's is one of the three it needs.
    ok(await chain.send(bureau, "propose", { id: "freeze-token", action: { kind: "freeze", name: "token" } }));
    // Two transfers and an overdraft through the API, before the browser signs for the clerk (the helper counts the clerk's nonces only until then).
    const transfer = (amount: number) => chain.send(chain.clerk, "call", { contract: "token", method: "transfer", args: { to: chain.teller.address, amount }, gasLimit: 150_000 });
    ok(await transfer(10));
    ok(await transfer(20));
    const overdraft = await transfer(supply);
    assert.equal(overdraft.stage === "committed" && overdraft.code, "CONTRACT_THREW", JSON.stringify(overdraft));
    overdraftTx = overdraft.stage === "committed" ? overdraft.txHash : "";
    keyFile = join(files, "clerk.key");
    writeFileSync(keyFile, exportEncryptedKeyFile(chain.suite, chain.clerk.privateKey, passphrase, keyFileCost));
  });

  after(async () => {
    await stopAll([() => browser?.close(), () => chain?.close(), () => files && rmSync(files, { recursive: true, force: true })]);
  });

  async function openKey(page: Page): Promise<void> {
    await page.getByTestId("key-file").setInputFiles(keyFile);
    await page.getByTestId("key-passphrase").fill(passphrase);
    await page.getByTestId("open-key").click();
    await page.getByTestId("key-address").filter({ hasText: chain.clerk.address }).waitFor();
  }

  async function callTransfer(page: Page, argsText: string): Promise<void> {
    await page.getByTestId("call-method").selectOption("transfer");
    await page.getByTestId("call-args").fill(argsText);
    await page.getByTestId("call-submit").click();
  }

  test("behavior: the calls query lists calls newest first, a failed one with its code, bounds its limit, and knows no unknown contract", async () => {
    const all = await chain.query("calls", { contract: "token" });
    assert.equal(all.status, 200, JSON.stringify(all.body));
    const { total, calls } = all.body as unknown as { total: number; calls: { txHash: string; height: number; method: string; caller: string; version: number; codeHash: string; gasUsed: number; status: string; code: string }[] };
    assert.equal(total, 3, "the two transfers and the overdraft that failed");
    assert.equal(calls.length, 3);
    assert.ok((calls[0]?.height ?? 0) > (calls[1]?.height ?? 0) && (calls[1]?.height ?? 0) > (calls[2]?.height ?? 0), `calls should come newest first: ${JSON.stringify(calls)}`);
    assert.deepEqual(
      calls.map((call) => [call.txHash === overdraftTx, call.status, call.code]),
      [
        [true, "failed", "CONTRACT_THREW"],
        [false, "ok", ""],
        [false, "ok", ""],
      ],
      "the overdraft, newest, failed with the receipt's code",
    );
    for (const call of calls) {
      assert.equal(call.method, "transfer");
      assert.equal(call.caller, chain.clerk.address);
      assert.equal(call.version, 1);
      assert.equal(call.codeHash, codeHash);
      assert.ok(call.gasUsed > 0, "a call uses gas, a failed one what it used before throwing");
      const receipt = await fetch(`${chain.node.url}/v1/txs/${call.txHash}`, { signal: AbortSignal.timeout(5_000) });
      assert.equal(receipt.status, 200, "each call's transaction has a receipt");
    }
    const one = await chain.query("calls", { contract: "token", limit: "1" });
    assert.deepEqual(one.body, { total: 3, calls: calls.slice(0, 1) }, "limit 1 answers the newest call");
    const tooMany = await chain.query("calls", { contract: "token", limit: "101" });
    assert.equal(tooMany.body.error?.code, "API_INVALID_INTEGER", "a limit above 100 is refused");
    const unknown = await chain.query("calls", { contract: "nothing-here" });
    assert.equal(unknown.body.error?.code, "CONTRACT_NOT_FOUND");
  });

  for (const [language, words] of Object.entries(languages)) {
    test(`behavior (${language}): the list and proposals, the source and hash, a query, a float refused before signing, and a signed call that commits and appears in recent calls`, { timeout: 90_000 }, async () => {
      const { context, page, errors } = await openPage(browser, { locale: words.locale });
      try {
        await page.goto(`${chain.node.url}/contracts`);
        await page.getByRole("heading", { level: 1, name: words.title, exact: true }).waitFor();
        const row = page.getByTestId("contracts-list").locator('tr[data-contract="token"]');
        await row.waitFor();
        assert.equal(await row.locator("[data-status]").innerText(), words.active, "the token should be listed as active");
        assert.match(await row.innerText(), new RegExp(codeHash), "the list should show the code hash");
        const deploy = page.locator('tr[data-proposal="deploy-token"] [data-testid="proposal-progress"]');
        assert.match(await deploy.innerText(), new RegExp(words.deployProgress), "the deploy should show 3 of the 4 organisations");
        assert.match(await deploy.innerText(), /bank, bureau, hospital/, "the deploy should name the organisations that approved");
        const freeze = page.locator('tr[data-proposal="freeze-token"] [data-testid="proposal-progress"]');
        assert.equal(await freeze.getAttribute("data-missing"), "2", "the freeze needs two more approvals (more than two thirds of four is three)");
        assert.match(await freeze.innerText(), new RegExp(words.freezeNeeded), "the freeze should say what is still needed");
        assert.match(await freeze.innerText(), /bank, hospital, notary/, "the freeze should name the organisations still to approve");
        await screenshot(page, `contracts-list-${language}`);

        await row.getByRole("link", { name: "token" }).click();
        await page.getByTestId("contract-code-hash").filter({ hasText: codeHash }).waitFor();
        const shown = page.getByTestId("contract-source");
        await shown.waitFor();
        assert.equal(await shown.getAttribute("data-hash"), codeHash, "the source should be the code stored under the contract's hash");
        assert.equal(await shown.textContent(), source, "the page should show the approved source text exactly");
        assert.equal(await page.locator('[data-testid="contract-methods"] tr[data-method="transfer"] [data-testid="method-policy"]').innerText(), words.anyMember, "transfer's policy admits any member");

        const clerkBefore = await balanceOf(chain.clerk.address);
        await page.getByTestId("query-method").selectOption("balanceOf");
        await page.getByTestId("query-args").fill(JSON.stringify({ owner: chain.clerk.address }));
        await page.getByTestId("query-submit").click();
        assert.equal(JSON.parse(await page.getByTestId("query-value").innerText()), clerkBefore, "the query should answer the clerk's balance as the node holds it");

        await openKey(page);
        const nonceBefore = await chain.nonce(chain.clerk);
        await callTransfer(page, `{ "to": "${chain.teller.address}", "amount": 2.5 }`);
        assert.match(await page.getByTestId("call-error").innerText(), words.float, "a float should be refused with a clear message");
        await callTransfer(page, `{ "to": "${chain.teller.address}", "amount": 1.0 }`);
        assert.match(await page.getByTestId("call-error").innerText(), words.decimalPoint, "a number written with a decimal point is refused even when it is whole");
        // The refusal comes before signing, so the node has no transaction of the clerk's to count.
        assert.equal(await chain.nonce(chain.clerk), nonceBefore, "a refused argument should sign and send nothing");

        const tellerBefore = await balanceOf(chain.teller.address);
        await callTransfer(page, JSON.stringify({ to: chain.teller.address, amount: 25 }));
        const result = page.getByTestId("call-result");
        await result.waitFor();
        assert.equal(await result.getAttribute("data-status"), "ok", `the call should succeed: ${await result.innerText()}`);
        assert.match(await result.innerText(), words.committed, "the page should say the call was committed");
        const txHash = await page.getByTestId("call-tx").innerText();
        assert.deepEqual(JSON.parse(await page.getByTestId("call-value").innerText()), { from: clerkBefore - 25, to: tellerBefore + 25 }, "the page should show the method's answer");
        assert.equal(await balanceOf(chain.teller.address), tellerBefore + 25, "the transfer should have moved 25 on chain");

        const recent = page.locator(`[data-testid="recent-calls"] tr[data-tx="${txHash}"]`);
        await recent.waitFor();
        assert.match(await recent.innerText(), /transfer/, "the recent call should name its method");
        assert.match(await recent.innerText(), new RegExp(chain.clerk.address), "the recent call should name its caller");
        assert.equal(await page.getByTestId("recent-calls").locator("tbody tr").first().getAttribute("data-tx"), txHash, "the newest call comes first");
        const failed = page.locator(`[data-testid="recent-calls"] tr[data-tx="${overdraftTx}"] [data-status]`);
        assert.equal(await failed.getAttribute("data-status"), "failed", "the overdraft is listed as failed");
        assert.equal(await failed.getAttribute("data-code"), "CONTRACT_THREW");
        assert.equal(await failed.innerText(), `${words.failed} CONTRACT_THREW`, "the failed call shows its code");
        assert.equal(await recent.locator("[data-status]").getAttribute("data-status"), "ok");
        await screenshot(page, `contracts-detail-${language}`);

        await recent.getByRole("link", { name: txHash }).click();
        await page.getByTestId("tx-status").waitFor();
        assert.equal(await page.getByTestId("tx-type").innerText(), "call", "the receipt link should open the call's transaction");
        assert.ok(page.url().endsWith(`/explorer/txs/${txHash}`), page.url());
        assert.deepEqual(errors, [], "the pages should raise no uncaught errors");
      } finally {
        await context.close();
      }
    });
  }

});
