import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { datashareSubjectReference, encodeEncryptionKeyText, exportEncryptedKeyFile, exportEncryptionKeyFile, generateEncryptionKeyPair, generateSubjectKey } from "@kexin/core";
import { type KexinClient, type Wallet, createKexinClient, datashare, walletFromPrivateKey } from "@kexin/sdk";
import type { Browser } from "playwright-core";
import { type DatashareChain, propertySchema, startDatashareChain } from "../../packages/node/test/datashare/fixture.ts";
import { keyFileCost, openKey, passphrase } from "./datashareSupport.ts";
import { ensureConsoleBuilt, launchChromium, openPage, screenshot, settleAll, stopAll, temporaryDirectory } from "./support.ts";

const price = 5;
const certificate = { owner: "张三", address: "北京市东城区景山前街4号", areaSquareMetres: 88.5 };

/**
 * What the page says in each language, where the test reads words rather than attributes; and
 * which encryption key file the clerk opens: protected by a passphrase as the CLI writes it now,
 * or of the older unprotected form.
 */
const languages = {
  en: { locale: "en-US", title: "Data sharing", datasetTitle: "Property certificates", classification: "important", viewer: "Shown to the citizen (bound key)", purpose: "property tax 2026", encryptionKeyFile: "protected", badPassphrase: "Wrong passphrase for this key file.", check: /Certificate check: urn:uuid:0000-audit, issued by housing — valid/ },
  "zh-CN": { locale: "zh-CN", title: "数据共享", datasetTitle: "不动产权证书", classification: "重要", viewer: "向公民本人展示（已绑定密钥）", purpose: "房产税核定", encryptionKeyFile: "plain", badPassphrase: "密钥文件的口令不正确。", check: /证照核验：urn:uuid:0000-audit（签发机构 housing）——\s*有效/ },
} as const;

describe("console: the Data sharing pages — catalogue, a record read and decrypted in the browser, the subject's audit", () => {
  let chain: DatashareChain;
  let client: KexinClient;
  let browser: Browser;
  let files: string;
  let subject: string;
  let citizen: Wallet;
  /** The transaction by which tax recorded its check of a certificate about the citizen. */
  let check: string;
  const keyFiles = { clerk: "", citizen: "", plain: "", protected: "" };

  before(async () => {
    files = temporaryDirectory("kexin-console-datashare-");
    await settleAll([launchChromium().then((launched) => (browser = launched)), ensureConsoleBuilt(), startDatashareChain().then((started) => (chain = started))]);
    client = createKexinClient({ url: chain.chain.url });
    const register = datashare.registerDataset({ id: "housing.property", title: { zh: "不动产权证书", en: "Property certificates" }, recordSchema: propertySchema, classification: "important", price });
    await chain.commit(chain.admins.housing, register.type, register.payload);
    subject = datashareSubjectReference(chain.suite, generateSubjectKey(chain.suite), "11010119900307123X");
    const shared = await client.datashare.shareRecord({ wallet: walletFromPrivateKey(chain.suite, chain.clerks.housing.privateKey), dataset: "housing.property", id: "cert-1", record: certificate, subject });
    await chain.commit(chain.clerks.housing, shared.call.type, shared.call.payload);
    const head = (await client.getStatus()).height;
    await chain.commit(chain.admins.housing, "grant", datashare.grant({ dataset: "housing.property", grantee: { kind: "organisation", id: "tax" }, fields: ["owner", "address"], purpose: "property tax", expiresAt: head + 10_000, accessesMax: 10 }).payload);
    const encryption = generateEncryptionKeyPair(chain.suite);
    await chain.commit(chain.clerks.tax, "register_encryption_key", datashare.registerEncryptionKey({ publicKey: encryption.publicKey }).payload);
    const citizenKey = chain.suite.generatePrivateKey();
    citizen = walletFromPrivateKey(chain.suite, citizenKey);
    await chain.commit(chain.clerks.housing, "bind_subject_key", datashare.bindSubjectKey({ subject, publicKey: citizen.publicKey }).payload);
    // A certificate about the citizen, checked by tax: the check joins the citizen's audit.
    const { chainId } = await client.getStatus();
    const credential = { "@context": ["https://www.w3.org/ns/credentials/v2"], id: "urn:uuid:0000-audit", type: ["VerifiableCredential", "PropertyCertificate"], issuer: `urn:kexin:${chainId}:organisation:housing`, validFrom: "2026-01-01T00:00:00Z", credentialSubject: { rooms: 3 } };
    const issued = await client.datashare.issueCredential({ wallet: walletFromPrivateKey(chain.suite, chain.admins.housing.privateKey), credential, subject });
    await chain.commit(chain.admins.housing, issued.call.type, issued.call.payload);
    check = (await chain.commit(chain.clerks.tax, "verify_credential", datashare.recordCredentialVerification({ id: credential.id, hash: issued.hash, purpose: "stamp duty" }).payload)).hash;
    keyFiles.clerk = join(files, "tax-clerk.key");
    writeFileSync(keyFiles.clerk, exportEncryptedKeyFile(chain.suite, chain.clerks.tax.privateKey, passphrase, keyFileCost));
    keyFiles.citizen = join(files, "citizen.key");
    writeFileSync(keyFiles.citizen, exportEncryptedKeyFile(chain.suite, citizenKey, passphrase, keyFileCost));
    keyFiles.plain = join(files, "tax-clerk.plain.encryption-key");
    writeFileSync(keyFiles.plain, `${encodeEncryptionKeyText(chain.suite.id, encryption.privateKey)}\n`);
    keyFiles.protected = join(files, "tax-clerk.encryption-key");
    writeFileSync(keyFiles.protected, exportEncryptionKeyFile(chain.suite, encryption.privateKey, passphrase, keyFileCost));
  });

  after(async () => {
    await stopAll([() => browser?.close(), () => chain?.close(), () => files && rmSync(files, { recursive: true, force: true })]);
  });


  for (const [language, words] of Object.entries(languages)) {
    test(`behavior (${language}): catalogue with credits → dataset → a record decrypted in the browser → the citizen's audit lists the access`, { timeout: 90_000 }, async () => {
      const { context, page, errors } = await openPage(browser, { locale: words.locale });
      try {
        const balances = await Promise.all(["health", "housing", "tax"].map(async (organisation) => (await client.datashare.getCredits({ organisation })).balance));
        await page.goto(`${chain.chain.url}/datashare`);
        await page.getByRole("heading", { level: 1, name: words.title, exact: true }).waitFor();
        const row = page.getByTestId("datasets").locator('tr[data-dataset="housing.property"]');
        await row.waitFor();
        assert.match(await row.innerText(), new RegExp(`${words.datasetTitle}\\s+housing\\s+${words.classification}\\s+${price}`), "the catalogue shows title, owner, classification and price in the page's language");
        const bars = page.getByTestId("credits-chart").locator("g[data-organisation]");
        await bars.first().waitFor();
        const drawn = await bars.evaluateAll((groups) => groups.map((group) => [group.getAttribute("data-organisation"), Number(group.getAttribute("data-balance"))]));
        assert.deepEqual(drawn, [["health", balances[0]], ["housing", balances[1]], ["tax", balances[2]]], "the chart draws each organisation's balance as the node holds it");
        await screenshot(page, `datashare-catalogue-${language}`);

        await row.getByRole("link", { name: "housing.property" }).click();
        await page.getByTestId("dataset-owner").filter({ hasText: "housing" }).waitFor();
        await page.getByTestId("grants").locator('tr[data-grantee="tax"]').waitFor();
        const record = page.getByTestId("records").locator('tr[data-record="cert-1"]');
        assert.match(await record.innerText(), new RegExp(subject.slice(0, 16)), "the record shows its subject reference, not the person");
        await record.getByRole("link").click();

        await page.getByTestId("read-panel").waitFor();
        await openKey(page, keyFiles.clerk, chain.clerks.tax.address);
        await page.getByTestId("encryption-key-file").setInputFiles(keyFiles[words.encryptionKeyFile]);
        if (words.encryptionKeyFile === "protected") {
          await page.getByTestId("encryption-key-passphrase").fill(`${passphrase}!`);
          await page.getByTestId("open-encryption-key").click();
          assert.equal(await page.getByTestId("encryption-key-error").innerText(), words.badPassphrase);
          await page.getByTestId("encryption-key-passphrase").fill(passphrase);
          await page.getByTestId("open-encryption-key").click();
        }
        await page.getByTestId("encryption-key-loaded").waitFor();
        assert.equal(await page.getByTestId("encryption-key-error").count(), 0, "no problem is left shown once the key is open");
        await page.getByTestId("read-purpose").fill(words.purpose);
        await page.getByTestId("read-record").click();
        const decrypted = page.getByTestId("decrypted-record");
        await decrypted.waitFor();
        // Tax's grant names two fields: the browser decrypts those, and says the third was withheld.
        assert.deepEqual(JSON.parse(await decrypted.innerText()), { address: certificate.address, owner: certificate.owner }, "the granted fields are decrypted in the browser");
        const granted = page.getByTestId("granted-fields");
        assert.equal(await granted.getAttribute("data-fields"), "address,owner");
        assert.match(await granted.innerText(), /address, owner[\s\S]*areaSquareMetres/);
        const accesses = (await client.datashare.getAccesses({ dataset: "housing.property" })).accesses;
        const access = accesses.at(-1);
        assert.deepEqual([access?.purpose, access?.requester], [words.purpose, chain.clerks.tax.address], "the read was an audited access signed by the clerk");
        await screenshot(page, `datashare-read-${language}`);

        await page.getByTestId("forget-key").click();
        await page.goto(`${chain.chain.url}/datashare/audit`);
        await openKey(page, keyFiles.citizen, citizen.address);
        await page.getByTestId("audit-organisation").fill("housing");
        await page.getByTestId("audit-subject").fill(subject);
        await page.getByTestId("audit-show").click();
        const result = page.getByTestId("audit-result");
        await result.waitFor();
        assert.equal(await result.getAttribute("data-viewer"), "subject");
        assert.match(await result.innerText(), new RegExp(words.viewer.replace(/[()（）]/g, ".")));
        const listed = await page.getByTestId("audit-accesses").locator("tr[data-access]").evaluateAll((rows) => rows.map((entry) => entry.getAttribute("data-access")));
        assert.deepEqual(listed, [check, ...accesses.map((entry) => entry.tx)], "every access to the citizen's record and the check of a certificate about them, oldest first");
        const checkRow = page.getByTestId("audit-accesses").locator(`tr[data-access="${check}"]`);
        assert.equal(await checkRow.getAttribute("data-kind"), "credential_verification");
        assert.match(await checkRow.innerText(), words.check, "the check names the certificate, its issuer and the chain's verdict");
        assert.match(await page.getByTestId("audit-accesses").innerText(), new RegExp(words.purpose), "with its purpose");
        const readRow = page.getByTestId("audit-accesses").locator(`tr[data-access="${access?.tx ?? ""}"]`);
        assert.match(await readRow.getByTestId("access-fields").innerText(), /address, owner/, "the access under a field grant names the fields it covered");
        await screenshot(page, `datashare-audit-${language}`);
        assert.deepEqual(errors, [], "no uncaught error in the page");
      } finally {
        await context.close();
      }
    });
  }
});
