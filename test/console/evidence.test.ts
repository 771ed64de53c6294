import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { closeSync, createReadStream, mkdirSync, openSync, readFileSync, rmSync, truncateSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { addressOf, exportEncryptedKeyFile, getSuite, importEncryptedKeyFile } from "@kexin/core";
import { evidence } from "@kexin/sdk";
import type { Browser, Locator, Page } from "playwright-core";
import { type TestChain, startTestChain, waitForCommitted } from "../../packages/node/test/support.ts";
import { ensureConsoleBuilt, launchChromium, openPage, screenshot, stopAll, temporaryDirectory } from "./support.ts";

const passphrase = "correct horse battery staple";
// A lighter scrypt cost than new key files get, so that opening it in the page takes a fraction of a
// second; the format and the code that reads it are the same.
const keyFileCost = { scryptN: 2 ** 12, scryptR: 8, scryptP: 1 };

function sha256Hex(content: Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

/** The verification steps as shown: each line's check and whether it passed, failed or waits. */
async function shownSteps(page: Page): Promise<{ check: string | null; ok: string | null }[]> {
  return page
    .getByTestId("verify-steps")
    .locator("li")
    .evaluateAll((items) => items.map((item) => ({ check: item.getAttribute("data-check"), ok: item.getAttribute("data-ok") })));
}

/**
 * The evidence verdict once it speaks of the file (or of the proof alone, before the file is given);
 * a proof the page could not fetch fails here with the page's message.
 */
async function evidenceVerdict(page: Page, fileChecked: boolean): Promise<Locator> {
  const verdict = page.getByTestId("verdict").and(page.locator(`[data-file-checked=${fileChecked}]`));
  const problem = page.locator('[data-testid="link-message"][role="alert"]');
  await verdict.or(problem).first().waitFor();
  if ((await problem.count()) > 0) assert.fail(`the page could not fetch the proof: ${await problem.innerText()}`);
  return verdict;
}

async function fitsScreen(page: Page): Promise<{ scroll: number; client: number }> {
  return page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
}

describe("console: anchoring a file as evidence, and verifying a file with its proof in the browser", () => {
  let chain: TestChain;
  let browser: Browser;
  let files: string;
  let keyFile: string;
  /** A file anchored through the API, for the lookup and the `?hash=` link. */
  let anchoredByApi: { readonly content: Buffer; readonly hash: string; readonly txHash: string };

  before(async () => {
    browser = await launchChromium();
    await ensureConsoleBuilt();
    files = temporaryDirectory("kexin-console-evidence-");
    chain = await startTestChain();
    keyFile = join(files, "alice.key");
    writeFileSync(keyFile, exportEncryptedKeyFile(chain.suite, chain.accounts.alice.privateKey, passphrase, keyFileCost));

    const content = Buffer.from("minutes of the hearing, 2024-06-10\n".repeat(40));
    const hash = sha256Hex(content);
    const payload = { hash, size: content.length, mediaType: "text/plain", title: "Hearing minutes", caseNumber: "(2024)京0105刑初123号", tags: ["minutes"] };
    const signed = await chain.sign(chain.accounts.alice, { module: "evidence", type: "anchor", payload });
    const answer = await chain.post("/v1/txs", { tx: signed.hex });
    assert.equal(answer.status, 202, `the node should admit the anchor, answered ${JSON.stringify(answer.body)}`);
    await waitForCommitted(chain, signed.hash);
    anchoredByApi = { content, hash, txHash: signed.hash };
  });

  after(async () => {
    await stopAll([() => browser?.close(), () => chain?.close(), () => files && rmSync(files, { recursive: true, force: true })]);
  });

  test("behavior: a member anchors a file with their key file, downloads its proof (the certificate link serves a PDF), and the proof verifies offline; a changed file is rejected", async () => {
    const { context, page, errors } = await openPage(browser);
    try {
      // Over 4 MiB, so the page reads it in more than one slice.
      const content = randomBytes(4 * 1024 * 1024 + 123_457);
      const contentPath = join(files, "statement.pdf");
      writeFileSync(contentPath, content);
      const hash = sha256Hex(content);

      await page.goto(`${chain.url}/evidence`);
      await page.getByRole("heading", { name: "Evidence", exact: true }).waitFor();
      await page.getByTestId("anchor-file").setInputFiles(contentPath);
      await page.getByTestId("anchor-hash").filter({ hasText: hash }).waitFor();
      assert.equal(await page.getByTestId("anchor-media-type").inputValue(), "application/pdf", "the media type should be prefilled from the file");

      await page.getByTestId("key-file").setInputFiles(keyFile);
      await page.getByTestId("key-passphrase").fill("not the passphrase");
      await page.getByTestId("open-key").click();
      assert.match(await page.getByTestId("key-error").innerText(), /Wrong passphrase/, "a wrong passphrase should be named as such");
      await page.getByTestId("key-passphrase").fill(passphrase);
      await page.getByTestId("open-key").click();
      await page.getByTestId("key-address").filter({ hasText: chain.accounts.alice.address }).waitFor();
      assert.equal(await page.getByTestId("key-registration").getAttribute("data-registered"), "true", "alice's key should be shown as a registered member");
      assert.equal(await page.evaluate(() => window.localStorage.length + window.sessionStorage.length), 0, "nothing, the key least of all, should be kept in web storage");

      await page.getByTestId("anchor-title").fill("Witness statement");
      await page.getByTestId("anchor-case").fill("(2024)京0105刑初123号");
      await page.getByTestId("anchor-tags").fill("statement, witness，statement");
      await page.getByTestId("anchor-submit").click();
      await page.getByTestId("anchor-result").waitFor();

      const nodeProof = (await chain.get(`/v1/evidence/${hash}/proof`)).body as { anchor: { height: number; txHash: string; tags: string[]; title: string; caseNumber: string; size: number } };
      assert.equal(nodeProof.anchor.size, content.length, "the anchor should record the file's size");
      assert.equal(nodeProof.anchor.title, "Witness statement", "the anchor should carry the title typed in");
      assert.equal(nodeProof.anchor.caseNumber, "(2024)京0105刑初123号", "the anchor should carry the case number typed in");
      assert.deepEqual(nodeProof.anchor.tags, ["statement", "witness"], "tags should be split at either comma, trimmed, and not repeated");
      assert.equal(await page.getByTestId("anchor-height").innerText(), String(nodeProof.anchor.height), "the page should show the anchor's block height");
      assert.equal(await page.getByTestId("anchor-tx").innerText(), nodeProof.anchor.txHash, "the page should show the anchor's transaction");

      const [proofDownload] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-evidence-proof").click()]);
      assert.equal(proofDownload.suggestedFilename(), `evidence-${hash.slice(0, 16)}.proof.json`, "the proof's file name should start with the hash");
      const proofPath = join(files, proofDownload.suggestedFilename());
      await proofDownload.saveAs(proofPath);
      assert.deepEqual(JSON.parse(readFileSync(proofPath, "utf8")), nodeProof, "the downloaded proof should be the node's proof of this anchor");

      // The node takes seconds to draw a first certificate, so it is fetched while the checks below run.
      const certificateLink = page.getByTestId("download-certificate");
      assert.equal(await certificateLink.getAttribute("download"), `evidence-certificate-${hash.slice(0, 16)}.pdf`, "the certificate's file name should start with the hash");
      const certificate = fetch(new URL((await certificateLink.getAttribute("href")) ?? "", chain.url)).then(async (response) => ({
        status: response.status,
        type: response.headers.get("content-type"),
        start: Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString("latin1"),
      }));
      await screenshot(page, "evidence-anchored");

      await page.getByTestId("main-nav").getByRole("link", { name: "Verify", exact: true }).click();
      await page.getByTestId("drop-zone").waitFor();
      await context.setOffline(true);
      // The status poll failing proves the page really lost the network before the checks ran.
      await page.getByTestId("unreachable").waitFor();

      await page.getByTestId("receipt-file").setInputFiles(proofPath);
      const proofOnly = await evidenceVerdict(page, false);
      assert.equal(await proofOnly.getAttribute("data-ok"), "true", `the proof alone should check out before the file is given: ${await proofOnly.innerText()}`);
      assert.equal(await page.locator('[data-testid="verify-steps"] li[data-check="file-hash"]').getAttribute("data-ok"), "pending", "the file's step should wait for the file");

      await page.getByTestId("evidence-content-file").setInputFiles(contentPath);
      const verdict = await evidenceVerdict(page, true);
      assert.equal(await verdict.getAttribute("data-ok"), "true", `the file and its proof should verify offline: ${await verdict.innerText()}`);
      const steps = await shownSteps(page);
      assert.deepEqual(
        steps.map((step) => step.check),
        ["proof-format", "format", "tx-signature", "tx-included", "result-included", "validators-match-header", "commit-signed", "anchor", "file-hash", "file-size"],
        "the proof's checks, the receipt's one by one, and the file's should each be a step",
      );
      assert.ok(
        steps.every((step) => step.ok === "true"),
        `every step should pass: ${JSON.stringify(steps)}`,
      );
      const stepText = (check: string) => page.locator(`[data-testid="verify-steps"] li[data-check="${check}"]`).innerText();
      assert.match(await stepText("file-hash"), /file's hash matches the anchored hash/, "the file step should say it in plain words");
      assert.match(await stepText("tx-included"), /recorded in the block/, "the inclusion step should say it in plain words");
      assert.match(await stepText("commit-signed"), /two thirds of the voting power/, "the signature step should say it in plain words");
      assert.match(await verdict.innerText(), new RegExp(`block ${nodeProof.anchor.height}`), "the verdict should name the block");
      await screenshot(page, "evidence-verify-offline-valid");

      const tampered = Buffer.from(content);
      tampered[1_000_000] = (tampered[1_000_000] ?? 0) ^ 0x01;
      const tamperedPath = join(files, "changed", "statement.pdf");
      mkdirSync(join(files, "changed"));
      writeFileSync(tamperedPath, tampered);
      await page.getByTestId("evidence-content-file").setInputFiles(tamperedPath);
      await verdict.and(page.locator("[data-ok=false]")).waitFor();
      assert.equal(await verdict.getAttribute("data-failed"), "file-hash", "the changed file should fail at its hash");
      assert.match(await verdict.innerText(), /File hash mismatch/, "the verdict should name the hash mismatch");
      assert.match(await verdict.innerText(), new RegExp(sha256Hex(tampered)), "the verdict should show the changed file's hash");
      const failed = (await shownSteps(page)).filter((step) => step.ok !== "true");
      assert.deepEqual(failed, [{ check: "file-hash", ok: "false" }], "only the file's hash should fail: same size, valid proof");
      assert.deepEqual(errors, [], "the pages should raise no uncaught errors");
      await screenshot(page, "evidence-verify-offline-tampered");

      const drawn = await certificate;
      assert.equal(drawn.status, 200, "the certificate link should answer");
      assert.equal(drawn.type, "application/pdf", "the certificate link should serve a PDF");
      assert.equal(drawn.start, "%PDF-", "the certificate should be a PDF");
    } finally {
      await context.close();
    }
  });

  test("behavior: a file over 1 GiB, the limit for hashing a file whole, is hashed slice by slice", async () => {
    const { context, page, errors } = await openPage(browser);
    try {
      // Sparse on disk: 1 GiB + 5 MiB of zeros with a few random stretches, cheap to make and to read.
      const size = 1024 * 1024 * 1024 + 5 * 1024 * 1024;
      const bigPath = join(files, "recording.mp4");
      writeFileSync(bigPath, "");
      truncateSync(bigPath, size);
      const descriptor = openSync(bigPath, "r+");
      for (const position of [0, 4 * 1024 * 1024 - 7, 700 * 1024 * 1024, size - 64]) writeSync(descriptor, randomBytes(64), 0, 64, position);
      closeSync(descriptor);
      const expected = createHash("sha256");
      for await (const chunk of createReadStream(bigPath, { highWaterMark: 8 * 1024 * 1024 })) expected.update(chunk as Buffer);
      const hash = expected.digest("hex");

      await page.goto(`${chain.url}/evidence`);
      await page.getByRole("heading", { name: "Evidence", exact: true }).waitFor();
      await page.getByTestId("anchor-file").setInputFiles(bigPath);
      await page.getByTestId("anchor-hash").filter({ hasText: hash }).waitFor({ timeout: 180_000 });
      assert.deepEqual(errors, [], "the page should raise no uncaught errors");
    } finally {
      await context.close();
      rmSync(join(files, "recording.mp4"), { force: true });
    }
  });

  test("behavior: a hash is looked up on the evidence page, and /verify?hash= fetches its proof once, then checks the file in either language", async () => {
    const { context, page, errors } = await openPage(browser);
    try {
      const { hash } = anchoredByApi;
      await page.goto(`${chain.url}/evidence`);
      await page.getByTestId("lookup-hash").fill(hash);
      await page.getByTestId("lookup").getByRole("button", { name: "Look up" }).click();
      const found = page.getByTestId("lookup-anchor");
      await found.first().waitFor();
      assert.equal(await found.count(), 1, "the hash was anchored once");
      assert.match(await found.innerText(), /Hearing minutes/, "the anchoring's title should be listed");
      await page.getByTestId("lookup-hash").fill("ab".repeat(32));
      await page.getByTestId("lookup").getByRole("button", { name: "Look up" }).click();
      await page.getByTestId("lookup-message").filter({ hasText: "never been anchored" }).waitFor();

      const proofRequests: string[] = [];
      page.on("request", (request) => {
        if (request.url().includes(`/v1/evidence/${hash}/proof`)) proofRequests.push(request.url());
      });
      await page.goto(`${chain.url}/verify?hash=${hash}`);
      const proofOnly = await evidenceVerdict(page, false);
      assert.equal(await proofOnly.getAttribute("data-ok"), "true", `the fetched proof should check out on its own: ${await proofOnly.innerText()}`);
      assert.match(await page.getByTestId("evidence-source").innerText(), /fetched from this node/, "the page should say where the proof came from");

      await page.getByTestId("evidence-content-file").setInputFiles({ name: "minutes.txt", mimeType: "text/plain", buffer: anchoredByApi.content });
      const verdict = await evidenceVerdict(page, true);
      assert.equal(await verdict.getAttribute("data-ok"), "true", `the file should match the fetched proof: ${await verdict.innerText()}`);

      await page.getByTestId("language-switch").getByRole("button", { name: "中文" }).click();
      await page.getByRole("heading", { name: "验证回执或存证" }).waitFor();
      assert.match(await verdict.innerText(), /存证核验通过/, "the verdict should be translated");
      assert.match(await page.getByTestId("verify-steps").innerText(), /文件的哈希值与存证的哈希值一致/, "the steps should be translated");
      await screenshot(page, "evidence-verify-link-zh");
      await page.getByTestId("language-switch").getByRole("button", { name: "English" }).click();
      await page.getByRole("heading", { name: "Verify a receipt or evidence" }).waitFor();
      assert.equal(proofRequests.length, 1, `the proof should be fetched exactly once: ${JSON.stringify(proofRequests)}`);

      await page.goto(`${chain.url}/verify?hash=${"cd".repeat(32)}`);
      await page.getByTestId("link-message").filter({ hasText: "no anchor of that hash" }).waitFor();
      assert.deepEqual(errors, [], "the pages should raise no uncaught errors");
    } finally {
      await context.close();
    }
  });

  test("behavior: with 'store an encrypted copy' ticked, the file is sealed in the page, the node serves the envelope, the anchor is the envelope's, and the downloaded key opens it; at phone width", async () => {
    const { context, page, errors } = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    try {
      const content = randomBytes(200_000);
      const hash = sha256Hex(content);
      await page.goto(`${chain.url}/evidence`);
      await page.getByTestId("anchor-file").setInputFiles({ name: "interview.mp3", mimeType: "audio/mpeg", buffer: content });
      await page.getByTestId("anchor-hash").filter({ hasText: hash }).waitFor();
      await page.getByTestId("key-file").setInputFiles(keyFile);
      await page.getByTestId("key-passphrase").fill(passphrase);
      await page.getByTestId("open-key").click();
      await page.getByTestId("key-loaded").waitFor();
      await page.getByTestId("anchor-title").fill("Interview");
      await page.getByTestId("anchor-case").fill("(2024)京0105刑初124号");
      await page.getByTestId("anchor-tags").fill("interview");
      assert.equal(await page.getByTestId("anchor-store").isChecked(), false, "storing a copy should be off until the user ticks it");
      await page.getByTestId("anchor-store").check();
      await page.getByTestId("anchor-submit").click();
      await page.getByTestId("anchor-result").or(page.getByTestId("anchor-error")).waitFor();
      assert.equal(await page.getByTestId("anchor-error").count(), 0, `the sealed copy should be stored and anchored: ${await page.getByTestId("anchor-error").allInnerTexts()}`);
      assert.match(await page.getByTestId("sealed-copy").innerText(), /can never be opened/, "the page should warn that the key cannot be recovered");
      assert.match(await page.getByTestId("anchor-result").innerText(), /encrypted copy is stored/, "the result should say that the encrypted copy was anchored");

      const [keyDownload] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-seal-key").click()]);
      assert.equal(keyDownload.suggestedFilename(), "interview.mp3.seal-key", "the key file should be named after the file");
      const keyPath = join(files, keyDownload.suggestedFilename());
      await keyDownload.saveAs(keyPath);
      const keyText = readFileSync(keyPath, "utf8").trim();
      assert.equal(keyText, (await page.getByTestId("seal-key").innerText()).trim(), "the downloaded key should be the one shown");
      const [envelopeDownload] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-sealed").click()]);
      const envelopePath = join(files, envelopeDownload.suggestedFilename());
      await envelopeDownload.saveAs(envelopePath);
      const envelope = readFileSync(envelopePath);
      const envelopeHash = sha256Hex(envelope);

      const blob = await fetch(`${chain.url}/v1/evidence/blobs/${envelopeHash}`);
      assert.equal(blob.status, 200, "the node should serve the uploaded envelope by its hash");
      const served = new Uint8Array(await blob.arrayBuffer());
      assert.deepEqual(Buffer.from(served), envelope, "the node should hold exactly the downloaded envelope");
      const opened = evidence.openSealedEvidence({ envelope: served, key: keyText, expectedHash: envelopeHash });
      assert.deepEqual(Buffer.from(opened), content, "the envelope should open with the downloaded key to the original file");

      const nodeProof = (await chain.get(`/v1/evidence/${envelopeHash}/proof`)).body as { anchor: { hash: string; size: number; mediaType: string; title: string; caseNumber: string; tags: string[] } };
      assert.equal(nodeProof.anchor.hash, envelopeHash, "the anchor's hash should be the envelope's");
      assert.equal(nodeProof.anchor.size, envelope.length, "the anchor's size should be the envelope's");
      assert.equal(nodeProof.anchor.mediaType, evidence.sealedMediaType, "the anchor should carry the sealed media type");
      assert.deepEqual([nodeProof.anchor.title, nodeProof.anchor.caseNumber, nodeProof.anchor.tags], ["Interview", "(2024)京0105刑初124号", ["interview"]], "title, case and tags should be kept");
      assert.equal((await chain.get(`/v1/evidence/${hash}/proof`)).status, 404, "the plain file's hash should never be anchored");

      const widths = await fitsScreen(page);
      assert.ok(widths.scroll <= widths.client, `/evidence with a sealed copy is ${widths.scroll} px wide on a ${widths.client} px screen`);
      await screenshot(page, "evidence-narrow-sealed");
      assert.deepEqual(errors, [], "the page should raise no uncaught errors");
    } finally {
      await context.close();
    }
  });

  test("error: a key made in the browser is refused until registered, with the API's message; its key file opens with the passphrase; all at phone width", async () => {
    const { context, page, errors } = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    try {
      await page.goto(`${chain.url}/evidence`);
      await page.getByTestId("anchor-file").setInputFiles({ name: "photo.jpg", mimeType: "image/jpeg", buffer: Buffer.from("not really a photo") });
      await page.getByTestId("anchor-hash").waitFor();
      await page.getByTestId("create-key").click();
      const address = (await page.getByTestId("key-address").innerText()).trim();
      assert.match(address, /^[0-9a-f]{40}$/, "the new key's address should be shown");
      assert.equal(await page.getByTestId("key-registration").getAttribute("data-registered"), "false", "a new key should be shown as not registered");

      await page.getByTestId("new-key-passphrase").fill("short");
      await page.getByTestId("new-key-repeat").fill("short");
      await page.getByTestId("download-key").click();
      assert.match(await page.getByTestId("new-key-error").innerText(), /at least 8 characters/, "a short passphrase should be refused");
      await page.getByTestId("new-key-passphrase").fill(passphrase);
      await page.getByTestId("new-key-repeat").fill(passphrase);
      const [keyDownload] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-key").click()]);
      const savedKey = join(files, "new.key");
      await keyDownload.saveAs(savedKey);
      const opened = importEncryptedKeyFile(readFileSync(savedKey, "utf8"), passphrase);
      assert.equal(addressOf(getSuite(opened.suite), opened.publicKey), address, "the downloaded key file should hold the key whose address is shown");

      await page.getByTestId("anchor-submit").click();
      const failure = page.getByTestId("anchor-error");
      await failure.waitFor();
      assert.match(await failure.innerText(), /TX_SIGNER_NOT_REGISTERED/, "the API's error code should be shown");
      assert.match(await failure.innerText(), /register its address/, "the reader should be told what to do");

      const widths = await fitsScreen(page);
      assert.ok(widths.scroll <= widths.client, `/evidence is ${widths.scroll} px wide on a ${widths.client} px screen`);
      await screenshot(page, "evidence-narrow-unregistered");

      await page.goto(`${chain.url}/verify?hash=${anchoredByApi.hash}`);
      await page.getByTestId("evidence-content-file").setInputFiles({ name: "minutes.txt", mimeType: "text/plain", buffer: anchoredByApi.content });
      assert.equal(await (await evidenceVerdict(page, true)).getAttribute("data-ok"), "true", "the file should match the fetched proof at phone width too");
      const verifyWidths = await fitsScreen(page);
      assert.ok(verifyWidths.scroll <= verifyWidths.client, `/verify with a proof is ${verifyWidths.scroll} px wide on a ${verifyWidths.client} px screen`);
      await screenshot(page, "evidence-narrow-verify");
      assert.deepEqual(errors, [], "the page should raise no uncaught errors");
    } finally {
      await context.close();
    }
  });
});
