import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { type CborValue, datashareSubjectReference, exportEncryptedKeyFile, generateSubjectKey, toHex } from "@kexin/core";
import { createKexinClient, walletFromPrivateKey } from "@kexin/sdk";
import type { Browser } from "playwright-core";
import { type ChainAccount, type ContractsChain, type Outcome, codeFields, startContractsChain } from "../../packages/node/test/contracts/chain.ts";
import { keyFileCost, openKey, passphrase } from "./datashareSupport.ts";
import { ensureConsoleBuilt, launchChromium, openPage, screenshot, settleAll, stopAll, temporaryDirectory } from "./support.ts";

const recordsArgs = { type: "object", properties: { records: { type: "array", maxItems: 256 } }, required: ["records"], additionalProperties: false };
// The bank's risk model over the hospital's records: only its integer score leaves the hospital's node.
const riskModel = `
export const methods = { score: { args: ${JSON.stringify(recordsArgs)}, readOnly: true } };
export function score(args) {
  let total = 0;
  for (const record of args.records) total += record.debts * 3 - record.income;
  return { score: total, records: args.records.length };
}
`;

const languages = {
  en: { locale: "en-US", title: "Compute over a dataset", verified: "The owner node's signature covers" },
  "zh-CN": { locale: "zh-CN", title: "数据可用不可见：在数据集上计算", verified: "数据所属机构节点的签名覆盖" },
} as const;

function assertOk(outcome: Outcome): void {
  assert.deepEqual([outcome.stage, outcome.stage === "committed" ? outcome.status : ""], ["committed", "ok"], JSON.stringify(outcome));
}

describe("console: compute-to-data — a bank requests a model run over a hospital's records, signed in the browser, and sees the owner node's result verified in the browser", () => {
  let chain: ContractsChain;
  let browser: Browser;
  let files: string;
  let bankKeyFile = "";

  before(async () => {
    files = temporaryDirectory("kexin-console-compute-");
    await settleAll([launchChromium().then((launched) => (browser = launched)), ensureConsoleBuilt(), startContractsChain().then((started) => (chain = started))]);
    const { hospital, bureau, bank } = chain.admins;
    const client = createKexinClient({ url: chain.node.url });
    const schema = JSON.stringify({ type: "object", properties: { income: { type: "integer" }, debts: { type: "integer" } }, additionalProperties: false });
    assertOk(await chain.send(hospital, "register_dataset", { id: "hospital.finance", title: { zh: "医院财务", en: "Hospital finance" }, recordSchema: schema, classification: "important", price: 0 }, "datashare"));
    assertOk(await chain.send(hospital, "grant", { dataset: "hospital.finance", grantee: { kind: "organisation", id: "bank" }, purpose: "mortgage risk assessment", expiresAt: 100_000, accessesMax: 100 }, "datashare"));
    const subjectKey = generateSubjectKey(chain.suite);
    for (const [id, income, debts] of [["h-1", 40, 30], ["h-2", 10, 2]] as const) {
      const shared = await client.datashare.shareRecord({ wallet: walletFromPrivateKey(chain.suite, hospital.privateKey), dataset: "hospital.finance", id, record: { income, debts }, subject: datashareSubjectReference(chain.suite, subjectKey, id) });
      assertOk(await chain.send(hospital, "publish_record", shared.call.payload as CborValue, "datashare"));
    }
    const computeKey = (await (await fetch(`${chain.node.url}/v1/datashare/compute-key/hospital`, { signal: AbortSignal.timeout(5_000) })).json()) as { publicKey: string };
    assertOk(await chain.send(hospital, "register_node", { org: "hospital", publicKey: computeKey.publicKey, name: "hospital compute" }, "identity"));
    const fields = codeFields(chain.suite, riskModel);
    assertOk(await chain.send(bureau, "propose", { id: "deploy-applicant-risk", action: { kind: "deploy", name: "applicant-risk", ...fields, policy: {} } }));
    for (const approver of [hospital, bank] as ChainAccount[]) assertOk(await chain.send(approver, "approve", { id: "deploy-applicant-risk" }));
    bankKeyFile = join(files, "bank.key");
    writeFileSync(bankKeyFile, exportEncryptedKeyFile(chain.suite, bank.privateKey, passphrase, keyFileCost));
    assert.equal(toHex(fields.codeHash).length, 64);
  });

  after(async () => {
    await stopAll([() => browser?.close(), () => chain?.close(), () => files && rmSync(files, { recursive: true, force: true })]);
  });

  for (const [language, words] of Object.entries(languages)) {
    test(`behavior (${language}): the request is signed here, followed to its result, whose code hash and signature verify in the browser`, { timeout: 60_000 }, async () => {
      const { context, page, errors } = await openPage(browser, { locale: words.locale });
      try {
        await page.goto(`${chain.node.url}/datashare/compute`);
        await page.getByRole("heading", { level: 2, name: words.title, exact: true }).waitFor();
        await openKey(page, bankKeyFile, chain.admins.bank.address);
        await page.getByTestId("compute-dataset").selectOption("hospital.finance");
        await page.getByTestId("compute-model").selectOption("applicant-risk");
        await page.getByTestId("compute-method").selectOption("score");
        await page.getByTestId("compute-records").fill("h-1, h-2");
        await page.getByTestId("compute-purpose").fill("mortgage risk assessment");
        await page.getByTestId("compute-submit").click();
        await page.waitForURL(/\/datashare\/compute\/[0-9a-f]{64}$/);
        const tx = /([0-9a-f]{64})$/.exec(page.url())![1]!;

        await page.locator('[data-testid="compute-signature-check"][data-verified="true"]').waitFor();
        await page.locator('[data-testid="compute-code-check"][data-verified="true"]').waitFor();
        assert.match(await page.getByTestId("compute-signature-check").innerText(), new RegExp(words.verified));
        // 30·3 − 40 + 2·3 − 10: the model's value over both records, and nothing else of them.
        assert.deepEqual(JSON.parse(await page.getByTestId("compute-value").innerText()), { score: 46, records: 2 });
        const onChain = await createKexinClient({ url: chain.node.url }).datashare.getComputeResult({ tx });
        assert.deepEqual([onChain.requester, onChain.organisation, onChain.result?.outcome.status], [chain.admins.bank.address, "bank", "ok"]);
        await screenshot(page, `datashare-compute-${language}`);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }

  test("behavior: a request whose signature does not cover the result shows as not verified", { timeout: 60_000 }, async () => {
    const { context, page } = await openPage(browser, { locale: "en-US" });
    try {
      const client = createKexinClient({ url: chain.node.url });
      const sent = await client.buildAndSend(walletFromPrivateKey(chain.suite, chain.admins.bank.privateKey), { module: "datashare", type: "compute", payload: { contract: "applicant-risk", method: "score", dataset: "hospital.finance", records: ["h-2"], purpose: "mortgage risk assessment" } });
      // The page is served the record with a changed value, as a node lying about the result would serve it.
      await page.route(/\/v1\/query\/datashare\/compute/, async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as { result?: { outcome: { value: { score: number } } } };
        if (body.result !== undefined) body.result.outcome.value.score += 1;
        await route.fulfill({ response, json: body });
      });
      await page.goto(`${chain.node.url}/datashare/compute/${sent.hash}`);
      await page.locator('[data-testid="compute-signature-check"][data-verified="false"]').waitFor();
      await page.locator('[data-testid="compute-code-check"][data-verified="true"]').waitFor();
    } finally {
      await context.close();
    }
  });
});
