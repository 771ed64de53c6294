import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { exportEncryptedKeyFile } from "@kexin/core";
import type { Browser } from "playwright-core";
import { type Account, type GovernanceChain, newAccount, startGovernanceChain } from "./governanceChain.ts";
import { ensureConsoleBuilt, launchChromium, openPage, screenshot, settleAll, stopAll, temporaryDirectory } from "./support.ts";

const passphrase = "correct horse battery staple";
// A lighter scrypt cost than new key files get, so that opening it in the page takes a fraction of a second.
const keyFileCost = { scryptN: 2 ** 12, scryptR: 8, scryptP: 1 };

/**
 * Chinese first, as the staff read it. Each language approves its own proposal with another
 * organisation's admin key: an organisation approves a proposal once.
 */
const languages = [
  { language: "zh-CN", title: "联盟治理", proposal: "raise-v1", approver: "bank", before: "4 个机构中 2 个已批准", still: "还需 1 个批准（共需 3 个）", after: "4 个机构中 3 个已批准", open: "待批准", approved: "已通过", effective: /新集合自区块 \d+ 起生效/, committed: /已提交至区块 \d+/, noRole: "无角色" },
  { language: "en", title: "Governance", proposal: "add-v2", approver: "notary", before: "2 of 4 organisations", still: "1 more approval needed (3 in all)", after: "3 of 4 organisations", open: "open", approved: "approved", effective: /The new set decides from block \d+/, committed: /Committed in block \d+/, noRole: "no role" },
] as const;

describe("console: the Governance page shows proposals, validator sets and organisations, and an admin approves in the browser", () => {
  let chain: GovernanceChain;
  let browser: Browser;
  let files: string;
  let teller: Account;
  let clerk: Account;
  let camera: Account;
  let v2: Account;
  const nodeKey = "cd".repeat(32);

  before(async () => {
    files = temporaryDirectory("kexin-console-governance-");
    await settleAll([launchChromium().then((launched) => (browser = launched)), ensureConsoleBuilt(), startGovernanceChain().then((started) => (chain = started))]);
    const { bureau, hospital, bank } = chain.admins;
    teller = newAccount(chain.suite);
    clerk = newAccount(chain.suite);
    camera = newAccount(chain.suite);
    v2 = newAccount(chain.suite);
    await chain.send(bureau, "identity", "register_member", { org: "bureau", address: teller.address, name: "王芳", roles: ["teller", "notary"] });
    await chain.send(bureau, "identity", "register_member", { org: "bureau", address: clerk.address, name: "Li Lei", roles: [] });
    await chain.send(bureau, "identity", "register_device", { org: "bureau", address: camera.address, name: "执法记录仪 7", model: "DSJ-V9" });
    await chain.send(bank, "identity", "register_node", { org: "bank", publicKey: nodeKey, name: "bank-node-2" });
    // Each proposal keeps the one real validator above two thirds of the power, so the chain goes on deciding blocks after either change.
    await chain.send(bureau, "governance", "propose_validators", { id: "raise-v1", description: "给现有验证节点加权", changes: [{ publicKey: chain.validator, power: 10 }] });
    await chain.send(hospital, "governance", "approve", { id: "raise-v1" });
    await chain.send(bureau, "governance", "propose_validators", {
      id: "add-v2",
      description: "Add a second validator",
      changes: [
        { publicKey: chain.validator, power: 10 },
        { publicKey: v2.publicKey, power: 1 },
      ],
    });
    await chain.send(hospital, "governance", "approve", { id: "add-v2" });
    // Far enough ahead that the change is still in its review window when the browser approves and vetoes it.
    const head = (await chain.get("/v1/status")).body.height as number;
    await chain.send(bureau, "governance", "propose_parameters", { id: "small-blocks", description: "每块至多 2000 笔交易", changes: { "block.txsMax": 2_000 }, effectiveHeight: head + 5_000 });
    await chain.send(hospital, "governance", "approve", { id: "small-blocks" });
    for (const org of ["bank", "notary"] as const) writeFileSync(join(files, `${org}.key`), exportEncryptedKeyFile(chain.suite, chain.admins[org].privateKey, passphrase, keyFileCost));
  });

  after(async () => {
    await stopAll([() => browser?.close(), () => chain?.close(), () => files && rmSync(files, { recursive: true, force: true })]);
  });

  for (const words of languages) {
    test(`behavior (${words.language}): a proposal's approvals, an admin's approval signed in the browser that schedules the new set, and organisations with their members`, { timeout: 60_000 }, async () => {
      const { context, page, errors } = await openPage(browser, { locale: words.language === "en" ? "en-US" : "zh-CN" });
      try {
        await page.goto(`${chain.node.url}/governance`);
        await page.getByRole("heading", { level: 1, name: words.title, exact: true }).waitFor();
        const row = page.locator(`[data-testid="proposals"] tr[data-proposal="${words.proposal}"]`).first();
        await row.waitFor();
        assert.equal(await row.getAttribute("data-status"), "open");
        assert.equal(await row.getByTestId("proposal-state").innerText(), words.open);
        const progress = row.getByTestId("proposal-progress");
        const progressText = await progress.innerText();
        assert.ok(progressText.includes(words.before), `two of the four organisations have approved: ${progressText}`);
        assert.ok(progressText.includes(words.still), `the page says how many approvals are still needed: ${progressText}`);
        assert.match(await row.getByTestId("proposal-approvals").innerText(), /bureau, hospital/, "the approving organisations are named");
        assert.match(progressText, /bank, notary/, "the organisations still to approve are named");

        await page.getByTestId("key-file").setInputFiles(join(files, `${words.approver}.key`));
        await page.getByTestId("key-passphrase").fill(passphrase);
        await page.getByTestId("open-key").click();
        await page.locator(`[data-testid="admin-org"][data-org="${words.approver}"]`).waitFor();
        await screenshot(page, `governance-before-${words.language}`);

        const heightBefore = ((await chain.get("/v1/status")).body.height as number) + 1;
        await row.getByTestId("approve-proposal").click();
        await page.locator(`[data-testid="proposals"] tr[data-proposal="${words.proposal}"][data-status="approved"]`).first().waitFor();
        const approvedRow = page.locator(`[data-testid="proposals"] tr[data-proposal="${words.proposal}"]`).first();
        assert.equal(await approvedRow.getByTestId("proposal-state").innerText(), words.approved);
        assert.ok((await approvedRow.getByTestId("proposal-progress").innerText()).includes(words.after), "three of the four organisations have approved");
        const effective = approvedRow.getByTestId("proposal-effective");
        assert.match(await effective.innerText(), words.effective);
        const effectiveHeight = Number(await effective.getAttribute("data-height"));
        assert.ok(effectiveHeight > heightBefore, `the new set takes effect after the approval (${effectiveHeight} > ${heightBefore})`);
        const onChain = (await chain.get(`/v1/query/governance/proposal?id=${words.proposal}`)).body;
        assert.equal(onChain.status, "approved", "the node holds the proposal as approved");
        assert.deepEqual(onChain.approvals, ["bank", "bureau", "hospital", "notary"].filter((org) => org === words.approver || org === "bureau" || org === "hospital"));
        assert.equal(onChain.effectiveHeight, effectiveHeight, "the page shows the node's effective height");

        const scheduled = page.locator(`[data-testid="validator-timeline"] tr[data-from-height="${effectiveHeight}"]`);
        await scheduled.waitFor();
        assert.ok(["scheduled", "current"].includes((await scheduled.getAttribute("data-state")) ?? ""), "the approved set appears in the timeline at its height");
        assert.match(await scheduled.innerText(), new RegExp(chain.validator), "the new set lists the validator");
        assert.equal(await page.locator('[data-testid="validator-timeline"] tr[data-from-height="1"]').count(), 1, "genesis starts the timeline");
        assert.equal(await page.locator(`[data-testid="current-validators"] tr[data-validator="${chain.validator}"]`).count(), 1, "the current set lists the validator");

        const bureau = page.locator('[data-testid="organisations"] section[data-organisation="bureau"]');
        await bureau.locator(`[data-testid="organisation-members"] tr[data-account="${teller.address}"]`).waitFor();
        assert.equal(await bureau.locator(`[data-testid="organisation-members"] tr[data-account="${teller.address}"] [data-testid="account-roles"]`).innerText(), "teller, notary");
        assert.match(await bureau.locator(`[data-testid="organisation-members"] tr[data-account="${teller.address}"]`).innerText(), /王芳/);
        assert.equal(await bureau.locator(`[data-testid="organisation-members"] tr[data-account="${clerk.address}"] [data-testid="account-roles"]`).innerText(), words.noRole);
        assert.match(await bureau.locator(`[data-testid="organisation-devices"] tr[data-account="${camera.address}"]`).innerText(), /DSJ-V9/);
        assert.equal(await bureau.locator('[data-testid="organisation-admins"] tr[data-account]').getAttribute("data-account"), chain.admins.bureau.address);
        assert.equal(await page.locator(`section[data-organisation="bank"] tr[data-node-key="${nodeKey}"]`).count(), 1, "the bank's node key is listed under the bank");
        const hospital = page.locator('[data-testid="organisations"] section[data-organisation="hospital"]');
        const genesisMemberRow = hospital.locator(`[data-testid="organisation-members"] tr[data-account="${chain.genesisMember.address}"]`);
        await genesisMemberRow.waitFor();
        assert.match(await genesisMemberRow.innerText(), /张医生/, "a member named in genesis is listed");
        assert.equal(await genesisMemberRow.getByTestId("account-roles").innerText(), "clinician");
        await page.locator(`section[data-organisation="bureau"] tr[data-node-key="${chain.genesisNodeKey}"]`).waitFor();
        assert.equal(await page.locator('[data-testid="organisations"] section[data-organisation]').count(), 4);
        await screenshot(page, `governance-after-${words.language}`);
        assert.deepEqual(errors, [], "the page should raise no uncaught errors");
      } finally {
        await context.close();
      }
    });
  }

  test("behavior: an admin proposes a change in the browser; a malformed line is refused before anything is signed; the page fits a 375 px screen", { timeout: 60_000 }, async () => {
    const { context, page, errors } = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    try {
      await page.goto(`${chain.node.url}/governance`);
      await page.getByTestId("organisations").waitFor();
      const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      assert.ok(widths.scroll <= widths.client, `/governance is ${widths.scroll} px wide on a ${widths.client} px screen`);
      await page.getByTestId("key-file").setInputFiles(join(files, "notary.key"));
      await page.getByTestId("key-passphrase").fill(passphrase);
      await page.getByTestId("open-key").click();
      await page.locator('[data-testid="admin-org"][data-org="notary"]').waitFor();
      const nonceBefore = (await chain.get(`/v1/accounts/${chain.admins.notary.address}`)).body.nonce;

      await page.getByTestId("propose-id").fill("reweight-v2");
      await page.getByTestId("propose-description").fill("调整第二个验证节点的权重");
      await page.getByTestId("propose-changes").fill(`${chain.validator} 10\n${v2.publicKey} 1.5`);
      await page.getByTestId("propose-submit").click();
      const outcome = page.getByTestId("propose-outcome");
      await outcome.waitFor();
      assert.equal(await outcome.getAttribute("data-outcome"), "invalid");
      assert.match(await outcome.innerText(), /Line 2: the power is not a whole number/);
      assert.equal((await chain.get(`/v1/accounts/${chain.admins.notary.address}`)).body.nonce, nonceBefore, "a refused form signs and sends nothing");

      await page.getByTestId("propose-changes").fill(`${chain.validator} 10\n${v2.publicKey} 2`);
      await page.getByTestId("propose-submit").click();
      await page.locator('[data-testid="propose-outcome"][data-outcome="committed"]').waitFor();
      const row = page.locator('[data-testid="proposals"] tr[data-proposal="reweight-v2"]').first();
      await row.waitFor();
      assert.equal(await row.getAttribute("data-status"), "open");
      assert.equal(await row.getByTestId("proposal-progress").getAttribute("data-approved"), "1", "the proposer's organisation approved at once");
      assert.match(await row.getByTestId("proposal-approvals").innerText(), /notary/);
      assert.equal(await row.getByTestId("proposal-change").count(), 2);
      const onChain = (await chain.get("/v1/query/governance/proposal?id=reweight-v2")).body;
      assert.deepEqual([onChain.proposer, onChain.status, onChain.approvals], ["notary", "open", ["notary"]]);

      await page.getByTestId("propose-submit").click();
      const again = page.locator('[data-testid="propose-outcome"][data-outcome="failed"]');
      await again.waitFor();
      assert.equal(await again.getAttribute("data-code"), "GOVERNANCE_PROPOSAL_EXISTS", "the same id twice is refused on chain with its code");
      await screenshot(page, "governance-narrow-propose");
      assert.deepEqual(errors, [], "the page should raise no uncaught errors");
    } finally {
      await context.close();
    }
  });

  test("behavior: a parameter change approved and then vetoed in the browser, with the parameters in force and scheduled", { timeout: 60_000 }, async () => {
    const { context, page, errors } = await openPage(browser, { locale: "en-US" });
    try {
      await page.goto(`${chain.node.url}/governance`);
      const inForce = page.locator('[data-testid="parameters-in-force"] tr[data-parameter="block.txsMax"] [data-testid="parameter-value"]');
      await inForce.waitFor();
      assert.equal(await inForce.innerText(), "5000", "the default block limit is in force");
      const row = () => page.locator('[data-testid="parameter-proposals"] tr[data-proposal="small-blocks"]');
      await row().waitFor();
      assert.equal(await row().getAttribute("data-status"), "open");
      assert.match(await row().getByTestId("parameter-change").innerText(), /block\.txsMax = 2000/);

      for (const [org, action] of [
        ["bank", "approve"],
        ["notary", "veto"],
      ] as const) {
        if (await page.getByTestId("forget-key").isVisible()) await page.getByTestId("forget-key").click();
        await page.getByTestId("key-file").setInputFiles(join(files, `${org}.key`));
        await page.getByTestId("key-passphrase").fill(passphrase);
        await page.getByTestId("open-key").click();
        await page.locator(`[data-testid="admin-org"][data-org="${org}"]`).waitFor();
        await row().getByTestId(`${action}-proposal`).click();
        if (action === "approve") {
          // The approve button leaves with the open state; the row turning approved is the outcome.
          await page.locator('[data-testid="parameter-proposals"] tr[data-proposal="small-blocks"][data-status="approved"]').waitFor();
          const effectiveHeight = Number(await row().getByTestId("parameter-effective").getAttribute("data-height"));
          await page.locator(`[data-testid="parameters-scheduled"] tr[data-parameter="block.txsMax"][data-height="${effectiveHeight}"]`).waitFor();
          assert.match(await row().getByTestId("parameter-effective").innerText(), /Can be vetoed until block \d+/);
        }
      }
      assert.equal(await row().getByTestId("veto-outcome").getAttribute("data-outcome"), "committed", "notary signed its veto in the browser");
      await row().getByText("1 of the 2 vetoes that cancel it").waitFor();
      const onChain = (await chain.get("/v1/query/governance/proposal?id=small-blocks")).body;
      assert.deepEqual([onChain.status, onChain.approvals, onChain.vetoes], ["approved", ["bank", "bureau", "hospital"], ["notary"]]);
      await screenshot(page, "governance-parameters");
      assert.deepEqual(errors, [], "the page should raise no uncaught errors");
    } finally {
      await context.close();
    }
  });

  test("behavior: the chain keeps deciding blocks under the sets the page approved", { timeout: 30_000 }, async () => {
    const proposal = (await chain.get("/v1/query/governance/proposal?id=add-v2")).body;
    assert.equal(proposal.status, "approved", "the English test approved add-v2");
    const target = (proposal.effectiveHeight as number) + 2;
    const deadline = Date.now() + 20_000;
    while (((await chain.get("/v1/status")).body.height as number) < target) {
      if (Date.now() > deadline) throw new Error(`the chain did not reach height ${target} within 20 s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const validators = (await chain.get(`/v1/query/governance/validators?height=${target}`)).body as unknown as { publicKey: string; power: number }[];
    assert.deepEqual(
      [...validators].sort((a, b) => a.power - b.power),
      [
        { publicKey: v2.publicKey, power: 1 },
        { publicKey: chain.validator, power: 10 },
      ],
    );
  });
});
