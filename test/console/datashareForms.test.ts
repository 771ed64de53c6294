import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { type CredentialDocument, credentialHash, datashareSubjectReference, encodeSubjectKeyText, exportEncryptedKeyFile, generateEncryptionKeyPair, generateSubjectKey } from "@kexin/core";
import { type KexinClient, createKexinClient, datashare, walletFromPrivateKey } from "@kexin/sdk";
import type { Browser, Page } from "playwright-core";
import { type DatashareChain, propertySchema, startDatashareChain } from "../../packages/node/test/datashare/fixture.ts";
import type { TestAccount } from "../../packages/node/test/support.ts";
import { keyFileCost, openKey, passphrase } from "./datashareSupport.ts";
import { ensureConsoleBuilt, launchChromium, openPage, screenshot, settleAll, stopAll, temporaryDirectory } from "./support.ts";

const dataset = "housing.property";

/** What the page says in each language, where the test reads words rather than attributes. */
const languages = {
  en: {
    locale: "en-US",
    idNumber: "11010119900307123X",
    owner: "Wang Wu",
    accessesFloat: /Accesses allowed: 2\.5 is not a whole number.*Nothing was signed/s,
    granted: /Committed in block \d+/,
    revoked: /revoked from block \d+/,
    schema: /does not match the dataset's schema: record\/areaSquareMetres must be >= 0\. Nothing was signed or sent/,
    claimsFloat: /88\.5 is not an integer.*Nothing was signed/s,
    valid: "Valid",
    active: /active \(not revoked/,
    tampered: /Not valid: the signature does not verify/,
    tamperedReason: /changed after signing/,
    revokedReason: "The issuer has revoked this certificate.",
    suspendedReason: "The issuer has suspended this certificate; it may reinstate it.",
    suspendedStatus: /^suspended since block \d+$/,
    checkRow: /Certificate check: urn:uuid:[0-9a-f-]+, issued by housing — suspended/,
    citizen: /Not a chain account, as a citizen's key need not be/,
  },
  "zh-CN": {
    locale: "zh-CN",
    idNumber: "11010119851120002x",
    owner: "王五",
    accessesFloat: /允许访问次数：2\.5 不是整数.*未进行签名/s,
    granted: /已提交至区块 \d+/,
    revoked: /自区块 \d+ 起撤销/,
    schema: /记录不符合数据集的结构：record\/areaSquareMetres must be >= 0。未签名，也未发送任何内容/,
    claimsFloat: /88\.5 不是整数.*未进行签名/s,
    valid: "有效",
    active: /有效（未撤销/,
    tampered: /无效：签名验证失败/,
    tamperedReason: /签名后被改动/,
    revokedReason: "签发者已撤销此证照。",
    suspendedReason: "签发者已暂停此证照，之后可恢复。",
    suspendedStatus: /^自区块 \d+ 起暂停$/,
    checkRow: /证照核验：urn:uuid:[0-9a-f-]+（签发机构 housing）——\s*已暂停/,
    citizen: /这不是链上账户/,
  },
} as const;

describe("console: the Data sharing forms — grant and revoke, publish a record sealed in the browser, issue and verify an e-certificate", () => {
  let chain: DatashareChain;
  let client: KexinClient;
  let browser: Browser;
  let files: string;
  let subjectKey: Uint8Array;
  let citizen: TestAccount;
  const keyFiles = { admin: "", clerk: "", taxClerk: "", citizen: "", subject: "" };
  let taxEncryptionKey: Uint8Array;

  function writeKeyFile(name: string, account: TestAccount): string {
    const path = join(files, `${name}.key`);
    writeFileSync(path, exportEncryptedKeyFile(chain.suite, account.privateKey, passphrase, keyFileCost));
    return path;
  }

  before(async () => {
    files = temporaryDirectory("kexin-console-datashare-forms-");
    await settleAll([launchChromium().then((launched) => (browser = launched)), ensureConsoleBuilt(), startDatashareChain().then((started) => (chain = started))]);
    client = createKexinClient({ url: chain.chain.url });
    const register = datashare.registerDataset({ id: dataset, title: { zh: "不动产权证书", en: "Property certificates" }, recordSchema: propertySchema, classification: "important", price: 5 });
    await chain.commit(chain.admins.housing, register.type, register.payload);
    // Tax may read the records published here, so the test can read back what the browser sealed.
    const head = (await client.getStatus()).height;
    await chain.commit(chain.admins.housing, "grant", datashare.grant({ dataset, grantee: { kind: "organisation", id: "tax" }, purpose: "property tax", expiresAt: head + 10_000, accessesMax: 100 }).payload);
    const encryption = generateEncryptionKeyPair(chain.suite);
    taxEncryptionKey = encryption.privateKey;
    await chain.commit(chain.clerks.tax, "register_encryption_key", datashare.registerEncryptionKey({ publicKey: encryption.publicKey }).payload);
    subjectKey = generateSubjectKey(chain.suite);
    const citizenKey = chain.suite.generatePrivateKey();
    citizen = { privateKey: citizenKey, publicKey: chain.suite.publicKeyOf(citizenKey), address: walletFromPrivateKey(chain.suite, citizenKey).address };
    keyFiles.admin = writeKeyFile("housing-admin", chain.admins.housing);
    keyFiles.clerk = writeKeyFile("housing-clerk", chain.clerks.housing);
    keyFiles.taxClerk = writeKeyFile("tax-clerk", chain.clerks.tax);
    keyFiles.citizen = writeKeyFile("citizen", citizen);
    keyFiles.subject = join(files, "housing.subject-key");
    writeFileSync(keyFiles.subject, `${encodeSubjectKeyText(chain.suite.id, subjectKey)}\n`);
  });

  after(async () => {
    await stopAll([() => browser?.close(), () => chain?.close(), () => files && rmSync(files, { recursive: true, force: true })]);
  });


  async function withPage(name: string, locale: string, run: (page: Page) => Promise<void>): Promise<void> {
    const { context, page, errors } = await openPage(browser, { locale });
    try {
      await run(page);
    } catch (error) {
      await screenshot(page, `${name}-failed`).catch(() => undefined);
      // An uncaught error in the page is usually why a wait timed out: say it.
      if (errors.length > 0) throw new Error(`${String(error)}\nuncaught in the page: ${errors.join("\n")}`);
      throw error;
    } finally {
      await context.close();
    }
    assert.deepEqual(errors, [], "no uncaught error in the page");
  }

  for (const [language, words] of Object.entries(languages)) {
    const grantee = language === "en" ? { kind: "organisation" as const, id: "health" } : { kind: "member" as const, id: "" };

    test(`behavior (${language}): the owner's admin grants the dataset in the browser, a fractional quota is refused before signing, and the grant is revoked`, { timeout: 90_000 }, async () => {
      const granteeId = grantee.kind === "organisation" ? grantee.id : chain.auditor.address;
      await withPage(`datashare-grant-${language}`, words.locale, async (page) => {
        // Through the catalogue: the node answers a deep link whose last segment has a dot (the dataset's id) with a 404.
        await page.goto(`${chain.chain.url}/datashare`);
        await page.getByTestId("datasets").getByRole("link", { name: dataset }).click();
        await page.getByTestId("manage-grants").waitFor();
        await openKey(page, keyFiles.admin, chain.admins.housing.address);
        await page.getByTestId("grant-form").waitFor();
        await page.getByTestId("grant-kind").selectOption(grantee.kind);
        if (grantee.kind === "organisation") await page.getByTestId("grant-organisation").selectOption(granteeId);
        else await page.getByTestId("grant-member").fill(granteeId);
        await page.getByTestId("grant-purpose").fill(`audit ${language}`);
        await page.getByTestId("grant-expires-in").fill("500");
        const nonceBefore = await chain.nonce(chain.admins.housing);
        await page.getByTestId("grant-accesses").fill("2.5");
        await page.getByTestId("grant-submit").click();
        assert.match(await page.getByTestId("grant-error").innerText(), words.accessesFloat);
        assert.equal(await chain.nonce(chain.admins.housing), nonceBefore, "nothing was signed for the refused quota");

        await page.getByTestId("grant-accesses").fill("3");
        await page.getByTestId("grant-fields").locator('[data-field="owner"]').check();
        await page.getByTestId("grant-submit").click();
        assert.match(await page.getByTestId("grant-done").innerText(), words.granted);
        const row = page.getByTestId("grants").locator(`tr[data-grantee="${granteeId}"]`);
        await row.and(page.locator('[data-state="standing"]')).waitFor();
        const granted = (await client.datashare.getGrants({ dataset })).grants.find((entry) => entry.grantee.id === granteeId);
        assert.deepEqual([granted?.grantee.kind, granted?.accessesMax, granted?.purpose, granted?.fields, granted?.revokedFrom], [grantee.kind, 3, `audit ${language}`, ["owner"], undefined], "the grant on chain is the one typed");
        await screenshot(page, `datashare-grant-${language}`);

        await row.getByTestId("revoke-grant").click();
        await row.and(page.locator('[data-state="revoked"]')).waitFor();
        assert.match(await row.innerText(), words.revoked);
        const revoked = (await client.datashare.getGrants({ dataset })).grants.find((entry) => entry.grantee.id === granteeId);
        assert.equal(typeof revoked?.revokedFrom, "number", "the revocation is on chain");
      });
    });

    test(`behavior (${language}): a member publishes a record sealed in the browser under a subject reference made there; a record failing its schema is refused before anything is sent`, { timeout: 90_000 }, async () => {
      const recordId = `cert-${language}`;
      const record = { owner: words.owner, address: "北京市东城区景山前街4号", areaSquareMetres: 88.5 };
      await withPage(`datashare-publish-${language}`, words.locale, async (page) => {
        await page.goto(`${chain.chain.url}/datashare/publish?dataset=${dataset}`);
        await openKey(page, keyFiles.clerk, chain.clerks.housing.address);
        await page.getByTestId("publish-fields").waitFor();
        await page.getByTestId("publish-id").fill(recordId);
        await page.getByTestId("subject-key-file").setInputFiles(keyFiles.subject);
        await page.getByTestId("subject-key-loaded").waitFor();
        await page.getByTestId("publish-id-number").fill(words.idNumber);

        const nonceBefore = await chain.nonce(chain.clerks.housing);
        await page.getByTestId("publish-as-json").check();
        await page.getByTestId("publish-json").fill(JSON.stringify({ ...record, areaSquareMetres: -3 }));
        await page.getByTestId("publish-submit").click();
        assert.match(await page.getByTestId("publish-error").innerText(), words.schema);
        assert.equal(await chain.nonce(chain.clerks.housing), nonceBefore, "nothing was signed");
        assert.equal((await chain.query("record", { id: recordId })).body.error?.code, "DATASHARE_RECORD_NOT_FOUND", "nothing was published");

        await page.getByTestId("publish-as-json").uncheck();
        for (const [field, value] of Object.entries(record)) await page.getByTestId("publish-fields").locator(`[data-field="${field}"]`).fill(String(value));
        await page.getByTestId("publish-submit").click();
        await page.getByTestId("publish-done").waitFor();
        await screenshot(page, `datashare-publish-${language}`);
      });
      const published = await client.datashare.getRecord({ id: recordId });
      assert.equal(published.subject, datashareSubjectReference(chain.suite, subjectKey, words.idNumber), "the reference was made in the browser with the organisation's subject key");
      assert.equal(published.publisher, chain.clerks.housing.address);
      // A grantee reads it back through the SDK: the ciphertext and the deposited key are the ones the browser made.
      const reader = walletFromPrivateKey(chain.suite, chain.clerks.tax.privateKey);
      const access = await chain.commit(chain.clerks.tax, "access", datashare.access({ record: recordId, purpose: "check" }).payload);
      const read = await client.datashare.readRecord({ wallet: reader, encryptionPrivateKey: taxEncryptionKey, access: access.hash, record: recordId });
      assert.deepEqual(read.value, record);
    });

    test(`behavior (${language}): a member sees the grants its organisation received and its own accesses with whether their keys can be released; the owner's admin sees the grants given`, { timeout: 60_000 }, async () => {
      const mine = (await client.datashare.getAccesses({ requester: chain.clerks.tax.address })).accesses;
      assert.ok(mine.some((entry) => entry.kind === "access"), "the publishing test read its record back as the tax clerk");
      const given = (await client.datashare.getGrants({ dataset })).grants;
      await withPage(`datashare-mine-${language}`, words.locale, async (page) => {
        await page.goto(`${chain.chain.url}/datashare/mine`);
        await openKey(page, keyFiles.taxClerk, chain.clerks.tax.address);
        await page.getByTestId("grants-received").locator(`tr[data-dataset="${dataset}"][data-grantee="tax"][data-state="standing"]`).waitFor();
        const rows = page.getByTestId("my-accesses").locator("tr[data-access]");
        await rows.first().waitFor();
        const listed = await rows.evaluateAll((entries) => entries.map((entry) => [entry.getAttribute("data-access"), entry.getAttribute("data-state")]));
        const expected = mine.map((entry) => [entry.tx, entry.kind === "access" ? "releasable" : "verification"]).reverse();
        assert.deepEqual(listed, expected, "the clerk's own requests, newest first: each access still under a standing grant, each certificate check without a key");
        await screenshot(page, `datashare-mine-${language}`);

        await page.getByTestId("forget-key").click();
        await openKey(page, keyFiles.admin, chain.admins.housing.address);
        const givenRows = page.getByTestId("grants-given").locator("tr[data-grantee]");
        await givenRows.first().waitFor();
        const states = await givenRows.evaluateAll((entries) => entries.map((entry) => [entry.getAttribute("data-grantee"), entry.getAttribute("data-state")]));
        assert.deepEqual(states, given.map((grant) => [grant.grantee.id, grant.revokedFrom === undefined ? "standing" : "revoked"]), "every grant housing gave, with its state");
      });
    });

    test(`behavior (${language}): an admin issues an e-certificate about a person and a dataset, signed in the browser; it verifies there, a tampered copy, a suspended and a revoked one fail with their reasons, and a department's check of it is listed with the dataset's requests`, { timeout: 90_000 }, async () => {
      let issued: CredentialDocument | undefined;
      await withPage(`datashare-credential-${language}`, words.locale, async (page) => {
        await page.goto(`${chain.chain.url}/datashare/credentials`);
        await openKey(page, keyFiles.admin, chain.admins.housing.address);
        await page.getByTestId("issue-type").fill("PropertyCertificate");
        await page.waitForFunction(() => (document.querySelector('[data-testid="issue-issuer"]') as HTMLInputElement | null)?.value.includes(":organisation:housing") === true);
        const nonceBefore = await chain.nonce(chain.admins.housing);
        await page.getByTestId("issue-claims").fill('{ "owner": "张三", "areaSquareMetres": 88.5 }');
        await page.getByTestId("issue-submit").click();
        assert.match(await page.getByTestId("issue-error").innerText(), words.claimsFloat);
        assert.equal(await chain.nonce(chain.admins.housing), nonceBefore, "nothing was signed");

        await page.getByTestId("issue-claims").fill('{ "owner": "张三", "rooms": 3 }');
        await page.getByTestId("issue-subject-source").selectOption("idNumber");
        await page.getByTestId("subject-key-file").setInputFiles(keyFiles.subject);
        await page.getByTestId("subject-key-loaded").waitFor();
        await page.getByTestId("issue-id-number").fill(words.idNumber);
        await page.getByTestId("issue-dataset").selectOption(dataset);
        await page.getByTestId("issue-submit").click();
        await page.getByTestId("issue-done").waitFor();
        issued = JSON.parse(await page.getByTestId("issued-credential").innerText()) as CredentialDocument;
        const id = String(issued.id);
        const recorded = await client.datashare.getCredential({ id });
        assert.deepEqual([recorded.issuer, recorded.status, recorded.dataset], ["housing", "active", dataset], "the credential is recorded on chain, active, naming the dataset");
        assert.equal(recorded.subject, datashareSubjectReference(chain.suite, subjectKey, words.idNumber), "the subject reference was made in the browser with the organisation's subject key");

        const verify = async (credential: CredentialDocument) => {
          await page.getByTestId("verify-text").fill(JSON.stringify(credential));
          await page.getByTestId("verify-submit").click();
          const result = page.getByTestId("verify-result");
          await result.waitFor();
          return result;
        };
        let result = await verify(issued);
        assert.equal(await result.getAttribute("data-verified"), "true");
        assert.match(await result.innerText(), words.active);
        assert.match(await page.getByTestId("verify-issuer").innerText(), /housing/);
        await screenshot(page, `datashare-credential-${language}`);

        result = await verify({ ...issued, credentialSubject: { owner: "张三", rooms: 4 } });
        await result.and(page.locator('[data-verified="false"]')).waitFor();
        assert.equal(await result.getAttribute("data-check"), "signature");
        assert.match(await result.innerText(), words.tampered);
        assert.match(await page.getByTestId("verify-reason").innerText(), words.tamperedReason);

        // The issuer, whose key is open above, suspends it from the verdict: it then fails with its own reason until reinstated.
        result = await verify(issued);
        await result.and(page.locator('[data-verified="true"]')).waitFor();
        const actions = page.getByTestId("credential-actions");
        await actions.and(page.locator('[data-status="active"]')).waitFor();
        await actions.getByTestId("credential-suspend").click();
        await page.getByTestId("credential-change-done").waitFor();
        await result.and(page.locator('[data-code="DATASHARE_CREDENTIAL_SUSPENDED"]')).waitFor();
        assert.equal(await page.getByTestId("verify-reason").innerText(), words.suspendedReason);
        assert.match(await page.getByTestId("verify-status").innerText(), words.suspendedStatus);
        await actions.and(page.locator('[data-status="suspended"]')).waitFor();
        assert.equal((await client.datashare.getCredential({ id })).status, "suspended", "the suspension is on chain");
        await screenshot(page, `datashare-credential-suspended-${language}`);

        // Tax checks the suspended certificate a holder presented: the check is audited with the dataset's requests, with the chain's verdict.
        const check = await chain.commit(chain.clerks.tax, "verify_credential", datashare.recordCredentialVerification({ id, hash: credentialHash(chain.suite, issued), purpose: `check ${language}` }).payload);
        await page.goto(`${chain.chain.url}/datashare`);
        await page.getByTestId("datasets").getByRole("link", { name: dataset }).click();
        const checkRow = page.getByTestId("dataset-accesses").locator(`tr[data-access="${check.hash}"]`);
        await checkRow.waitFor();
        assert.equal(await checkRow.getAttribute("data-kind"), "credential_verification");
        assert.equal(await checkRow.getByTestId("credential-check").getAttribute("data-verdict"), "suspended");
        assert.match(await checkRow.innerText(), words.checkRow);
        assert.match(await checkRow.innerText(), new RegExp(`check ${language}`));
        await screenshot(page, `datashare-credential-check-${language}`);

        await page.goto(`${chain.chain.url}/datashare/credentials`);
        await openKey(page, keyFiles.admin, chain.admins.housing.address);
        result = await verify(issued);
        await page.getByTestId("credential-actions").and(page.locator('[data-status="suspended"]')).getByTestId("credential-reinstate").click();
        await result.and(page.locator('[data-verified="true"]')).waitFor();
        assert.equal((await client.datashare.getCredential({ id })).status, "active", "reinstated on chain");

        await chain.commit(chain.admins.housing, "revoke_credential", datashare.revokeCredential({ id }).payload);
        result = await verify(issued);
        await result.and(page.locator('[data-code="DATASHARE_CREDENTIAL_REVOKED"]')).waitFor();
        assert.equal(await page.getByTestId("verify-reason").innerText(), words.revokedReason);
      });
    });

    test(`behavior (${language}): on the subject audit page a citizen's key is shown as a citizen's key, not as an unregistered account`, { timeout: 60_000 }, async () => {
      await withPage(`datashare-citizen-key-${language}`, words.locale, async (page) => {
        await page.goto(`${chain.chain.url}/datashare/audit`);
        await openKey(page, keyFiles.citizen, citizen.address);
        const registration = page.getByTestId("key-registration");
        await registration.waitFor();
        assert.equal(await registration.getAttribute("data-registered"), "false");
        assert.match(await registration.innerText(), words.citizen);
        assert.notEqual(await registration.getAttribute("class"), "notice", "not the warning an unregistered member key gets");
      });
    });
  }
});
