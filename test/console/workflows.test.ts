import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { datashareSubjectReference, exportEncryptedKeyFile, generateSubjectKey, publicKeyMultibase } from "@kexin/core";
import { workflows } from "@kexin/sdk";
import type { Browser, Page } from "playwright-core";
import { keyFileCost, openKey, passphrase } from "./datashareSupport.ts";
import { ensureConsoleBuilt, launchChromium, openPage, screenshot, settleAll, stopAll, temporaryDirectory } from "./support.ts";
import { type Signer, type WorkflowsChain, startWorkflowsChain, suite, template } from "./workflowsChain.ts";

/** What the page says in each language, where the test reads words rather than attributes. */
const languages = {
  en: { locale: "en-US", title: "Cross-department workflows", open: "open", approved: "approved", attested: "attested", missing: "Missing: Marital status", verified: "Verified: the decision and every attestation it carries check out." },
  "zh-CN": { locale: "zh-CN", title: "跨部门审批流程", open: "办理中", approved: "已批准", attested: "已证明", missing: "尚缺：婚姻状况核查", verified: "核验通过：决定凭证及其所含每份证明均有效。" },
} as const;

describe("console: the Workflows pages — start an application, a department attests from its inbox, the decision verifies offline in the browser", () => {
  let chain: WorkflowsChain;
  let browser: Browser;
  let files: string;
  const subjectKey = generateSubjectKey(suite);
  const keyFile = (signer: Signer, name: string): string => {
    const path = join(files, `${name}.key`);
    writeFileSync(path, exportEncryptedKeyFile(suite, signer.privateKey, passphrase, keyFileCost));
    return path;
  };
  const keyFiles = { clerk: "", police: "", decider: "" };
  /** The decider's trust, as a verifier would keep it, but without the decider's own key. */
  let trustWithoutDecider = "";

  before(async () => {
    files = temporaryDirectory("kexin-console-workflows-");
    await settleAll([launchChromium().then((launched) => (browser = launched)), ensureConsoleBuilt(), startWorkflowsChain().then((started) => (chain = started))]);
    keyFiles.clerk = keyFile(chain.clerk, "clerk");
    keyFiles.police = keyFile(chain.attesters.household!, "police");
    keyFiles.decider = keyFile(chain.decider, "decider");
    trustWithoutDecider = join(files, "departments.json");
    const byOrganisation = new Map<string, string[]>();
    for (const step of template.steps) byOrganisation.set(step.organisation, [...(byOrganisation.get(step.organisation) ?? []), publicKeyMultibase(suite, chain.attesters[step.id]!.wallet.publicKey)]);
    writeFileSync(trustWithoutDecider, JSON.stringify([...byOrganisation].map(([organisation, publicKeys]) => ({ organisation, publicKeys }))));
  });

  after(async () => {
    await stopAll([() => browser?.close(), () => chain?.close(), () => files && rmSync(files, { recursive: true, force: true })]);
  });

  const subjectOf = (idNumber: string) => datashareSubjectReference(suite, subjectKey, idNumber);
  const forgetKey = async (page: Page) => page.getByTestId("forget-key").click();

  let counter = 0;
  for (const [language, words] of Object.entries(languages)) {
    test(`behavior (${language}): a clerk starts an application, public security attests from its inbox, the progress shows who signed what`, { timeout: 60_000 }, async () => {
      counter += 1;
      const id = `web-${counter}-${language.toLowerCase()}`;
      const { context, page, errors } = await openPage(browser, { locale: words.locale });
      try {
        await page.goto(`${chain.chain.url}/workflows`);
        await page.getByRole("heading", { level: 1, name: words.title, exact: true }).waitFor();
        await openKey(page, keyFiles.clerk, chain.clerk.wallet.address);
        await page.getByTestId("apply-template").selectOption(template.id);
        await page.getByTestId("apply-id").fill(id);
        await page.getByTestId("apply-subject").fill(subjectOf(`1101011990030700${counter}X`));
        await page.getByTestId("apply-applicant").fill(chain.citizen.wallet.address);
        await page.getByTestId("apply-submit").click();
        await page.getByTestId("apply-done").waitFor();
        const filed = await chain.client.workflows.getApplication({ id });
        assert.deepEqual([filed.application.applicant, filed.application.filedBy], [chain.citizen.wallet.address, chain.clerk.wallet.address], "the clerk filed it for the citizen");
        await screenshot(page, `workflows-apply-${language}`);

        await forgetKey(page);
        await page.goto(`${chain.chain.url}/workflows/inbox`);
        await openKey(page, keyFiles.police, chain.attesters.household!.wallet.address);
        await page.getByTestId("inbox-organisation").fill("public_security");
        await page.getByTestId("inbox-open").click();
        const entry = page.locator(`li[data-application="${id}"][data-step="household"]`);
        await entry.waitFor();
        await entry.getByTestId("attest-reason").fill(language === "en" ? "registered locally since 2015" : "2015 年起本市户籍");
        // The step reads a dataset, so what it cites must be an access to it on the chain: anything else is refused, and the step stays in the inbox.
        await entry.getByTestId("attest-evidence").fill("ab".repeat(32));
        await entry.getByTestId("attest-submit").click();
        assert.match(await entry.getByTestId("attest-error").innerText(), /WORKFLOW_EVIDENCE_INVALID/);
        await entry.getByTestId("attest-evidence").fill("");
        await entry.getByTestId("attest-submit").click();
        // Nor may it cite nothing; the error shown changes once this attempt is refused.
        await entry.getByTestId("attest-error").filter({ hasText: "WORKFLOW_EVIDENCE_MISSING" }).waitFor({ timeout: 15_000 });
        await entry.getByTestId("attest-evidence").fill(await chain.readForStep("household", filed.application.subject));
        await entry.getByTestId("attest-submit").click();
        await page.getByTestId("inbox-signed").filter({ hasText: `${id} · household` }).waitFor();
        assert.equal(await entry.count(), 0, "the step left the inbox once attested");
        await screenshot(page, `workflows-inbox-${language}`);

        await page.goto(`${chain.chain.url}/workflows/applications/${id}`);
        const household = page.getByTestId("application-steps").locator('tr[data-step="household"]');
        await household.and(page.locator('[data-state="attested"]')).waitFor();
        const row = await household.innerText();
        assert.match(row, new RegExp(words.attested));
        assert.match(row, new RegExp(chain.attesters.household!.wallet.address.slice(0, 10)), "who signed it");
        assert.match(row, language === "en" ? /registered locally since 2015/ : /2015 年起本市户籍/, "and why");
        assert.equal(await page.getByTestId("application").getAttribute("data-status"), "open");
        assert.match(await page.getByTestId("application-status").innerText(), new RegExp(words.open));
        const missing = page.getByTestId("application-missing");
        assert.equal(await missing.getAttribute("data-missing"), template.steps.filter((step) => step.id !== "household").map((step) => step.id).join(","), "what is missing");
        assert.ok((await missing.innerText()).startsWith(words.missing), "named in the page's language");
        assert.equal(await page.getByTestId("application-steps").locator('tr[data-step="marriage"]').getAttribute("data-state"), "awaiting", "marriage became ready once the household register attested");
        const recorded = (await chain.client.workflows.getApplication({ id })).application.attestations;
        assert.deepEqual(recorded.map((attestation) => [attestation.step, attestation.attester]), [["household", chain.attesters.household!.wallet.address]]);
        await screenshot(page, `workflows-progress-${language}`);
        assert.deepEqual(errors, [], "no uncaught error in the page");
      } finally {
        await context.close();
      }
    });

    test(`behavior (${language}): the housing registry decides from its inbox and the decision verifies offline, failing without the decider's key`, { timeout: 60_000 }, async () => {
      counter += 1;
      const id = `ready-${counter}-${language.toLowerCase()}`;
      const subject = subjectOf(`1101011990030700${counter}X`);
      await chain.commit(chain.clerk.wallet, workflows.apply({ id, template: template.id, subject, applicant: chain.citizen.wallet.address }));
      for (const step of template.steps) {
        const wallet = chain.attesters[step.id]!.wallet;
        const evidence = [await chain.readForStep(step.id, subject)];
        await chain.commit(wallet, (await chain.client.workflows.attest({ wallet, application: id, step: step.id, outcome: "eligible", reason: `${step.id}: meets the requirement`, evidence })).call);
      }
      const { context, page, errors } = await openPage(browser, { locale: words.locale });
      try {
        await page.goto(`${chain.chain.url}/workflows/inbox`);
        await openKey(page, keyFiles.decider, chain.decider.wallet.address);
        await page.getByTestId("inbox-organisation").fill("housing_registry");
        await page.getByTestId("inbox-open").click();
        const entry = page.locator(`li[data-application="${id}"][data-step="decision"]`);
        await entry.getByTestId("decide-submit").click();
        await entry.waitFor({ state: "detached" });

        await page.goto(`${chain.chain.url}/workflows/applications/${id}`);
        await page.locator('[data-testid="application"][data-status="approved"]').waitFor();
        assert.match(await page.getByTestId("application-status").innerText(), new RegExp(words.approved));
        await page.getByTestId("verify-offline").click();
        const verdict = page.getByTestId("decision-verdict");
        await verdict.waitFor();
        assert.equal(await verdict.getAttribute("data-verified"), "true");
        assert.equal(await verdict.innerText(), words.verified);
        await screenshot(page, `workflows-verified-${language}`);

        await page.getByTestId("trust-file").setInputFiles(trustWithoutDecider);
        await page.getByTestId("verify-offline").click();
        await page.locator('[data-testid="decision-verdict"][data-verified="false"]').waitFor();
        assert.match(await verdict.innerText(), /WORKFLOW_SIGNER_UNTRUSTED/, "a verifier who does not trust the decider's key is told so");
        assert.deepEqual(errors, [], "no uncaught error in the page");
      } finally {
        await context.close();
      }
    });
  }

  test("behavior: a department's inbox is read a page of 20 at a time; next shows the rest", { timeout: 60_000 }, async () => {
    const filed = Array.from({ length: 21 }, (_unused, index) => `page-${String(index).padStart(2, "0")}`);
    for (const [index, id] of filed.entries()) await chain.commit(chain.clerk.wallet, workflows.apply({ id, template: template.id, subject: subjectOf(`11010119900307${String(index).padStart(2, "0")}9X`), applicant: chain.citizen.wallet.address }));
    const { context, page, errors } = await openPage(browser, { locale: "en-US" });
    try {
      await page.goto(`${chain.chain.url}/workflows/inbox`);
      await page.getByTestId("inbox-organisation").fill("public_security");
      await page.getByTestId("inbox-open").click();
      const listed = async () => page.getByTestId("inbox-entries").locator("li").evaluateAll((items) => items.map((item) => item.getAttribute("data-application") ?? ""));
      await page.locator('[data-testid="inbox-pager"][data-start="0"]').waitFor();
      const first = await listed();
      assert.equal(first.length, 20, "one page of 20");
      assert.equal(await page.getByTestId("inbox-previous").isDisabled(), true);
      await page.getByTestId("inbox-next").click();
      await page.locator('[data-testid="inbox-pager"][data-start="20"]').waitFor();
      const second = await listed();
      assert.ok(second.length > 0 && second.every((id) => !first.includes(id)), `page two holds other entries: ${second.join(",")}`);
      assert.deepEqual(filed.filter((id) => !first.includes(id) && !second.includes(id)), [], "every filed application is on one of the pages");
      await page.getByTestId("inbox-previous").click();
      await page.locator('[data-testid="inbox-pager"][data-start="0"]').waitFor();
      assert.deepEqual(await listed(), first);
      assert.deepEqual(errors, [], "no uncaught error in the page");
    } finally {
      await context.close();
    }
  });
});
