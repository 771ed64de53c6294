import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { after, before, test } from "node:test";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { type CredentialDocument, type CredentialVerification, type CryptoSuite, createCredentialProof, credentialStatusEntries, credentialStatusEntry, didKeyVerificationMethod, encodedListOf, gmSuite, publicKeyMultibase, type verifyCredentialOffline, verifyCredentialProof, withStatusBit } from "../../packages/core/src/index.ts";
import { launchChromium, openPage, stopAll } from "../console/support.ts";

type BrowserCredentials = {
  createCredentialProof: typeof createCredentialProof;
  didKeyVerificationMethod: typeof didKeyVerificationMethod;
  gmSuite: CryptoSuite;
  intlSuite: CryptoSuite;
  verifyCredentialOffline: typeof verifyCredentialOffline;
  verifyCredentialProof: typeof verifyCredentialProof;
};
declare const kexinCredentials: BrowserCredentials;

const vectors = new URL("../../packages/core/test/datashare/vectors/eddsa-jcs-2022/", import.meta.url);
const signedVector = JSON.parse(readFileSync(new URL("signedJCS.json", vectors), "utf8")) as CredentialDocument;

let browser: Browser | undefined;
let page: Page;

before(async () => {
  // The browser build of core: esbuild without the "node" condition picks core's portable crypto backend.
  const bundle = await build({ entryPoints: [new URL("./credentialsEntry.ts", import.meta.url).pathname], bundle: true, write: false, format: "iife", platform: "browser", target: "chrome111", logLevel: "silent" });
  browser = await launchChromium();
  page = (await openPage(browser)).page;
  await page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? "" });
});
after(async () => {
  await stopAll([() => browser?.close()]);
});

test("browser: the published eddsa-jcs-2022 credential verifies in Chromium, and a changed claim fails its signature check", { timeout: 60_000 }, async () => {
  // Passed as text: Playwright's argument types recurse without end over a JSON document type.
  const outcomes = await page.evaluate((signedText) => {
    const signed = JSON.parse(signedText) as CredentialDocument;
    const { intlSuite, verifyCredentialProof: verify } = kexinCredentials;
    const tampered = { ...signed, name: "Forged Credential" };
    return [verify(intlSuite, signed), verify(intlSuite, tampered)].map((result) => (result.verified ? "verified" : result.check));
  }, JSON.stringify(signedVector));
  assert.deepEqual(outcomes, ["verified", "signature"]);
});

test("browser: an sm2-jcs-2024 proof made in Chromium verifies in Node, and one made in Node verifies in Chromium", { timeout: 60_000 }, async () => {
  const privateKey = gmSuite.generatePrivateKey();
  const unsigned: CredentialDocument = { "@context": ["https://www.w3.org/ns/credentials/v2"], id: "urn:uuid:household-1", type: ["VerifiableCredential"], issuer: "https://police.gov.example", credentialSubject: { household: "京-0001" } };
  const fromBrowser = await page.evaluate(
    ({ documentText, key }) => {
      const { gmSuite: suite, createCredentialProof: create, didKeyVerificationMethod: method } = kexinCredentials;
      const privateKeyBytes = Uint8Array.from(key);
      return JSON.stringify(create(suite, JSON.parse(documentText) as CredentialDocument, privateKeyBytes, { verificationMethod: method(suite, suite.publicKeyOf(privateKeyBytes)) }));
    },
    { documentText: JSON.stringify(unsigned), key: [...privateKey] },
  );
  assert.equal(verifyCredentialProof(gmSuite, JSON.parse(fromBrowser) as CredentialDocument).verified, true);
  const fromNode = createCredentialProof(gmSuite, unsigned, privateKey, { verificationMethod: didKeyVerificationMethod(gmSuite, gmSuite.publicKeyOf(privateKey)) });
  assert.equal(await page.evaluate((securedText) => kexinCredentials.verifyCredentialProof(kexinCredentials.gmSuite, JSON.parse(securedText) as CredentialDocument).verified, JSON.stringify(fromNode)), true);
});

test("browser: Chromium decompresses a node's status list and finds the credential revoked", { timeout: 60_000 }, async () => {
  const privateKey = gmSuite.generatePrivateKey();
  const publicKey = gmSuite.publicKeyOf(privateKey);
  const index = 70_001;
  const unsigned: CredentialDocument = { id: "urn:uuid:marriage-9", issuer: "https://civil.gov.example", credentialStatus: credentialStatusEntry("kexin-test", "civil", index), credentialSubject: { spouses: ["张三", "李四"] } };
  const secured = createCredentialProof(gmSuite, unsigned, privateKey, { verificationMethod: didKeyVerificationMethod(gmSuite, publicKey) });
  const list = (revoked: boolean) => ({ issuer: "civil", statusPurpose: "revocation" as const, height: 9, encodedList: encodedListOf(gzipSync(revoked ? withStatusBit(new Uint8Array(16_384), index) : new Uint8Array(16_384))) });
  const trustedIssuers = [{ id: "https://civil.gov.example", organisation: "civil", publicKeys: [publicKeyMultibase(gmSuite, publicKey)] }];
  const verdicts = await page.evaluate(
    async ({ credentialText, lists, issuers }) => {
      const credential = JSON.parse(credentialText) as CredentialDocument;
      const results: CredentialVerification[] = [];
      for (const statusList of lists) results.push(await kexinCredentials.verifyCredentialOffline(kexinCredentials.gmSuite, { credential, chainId: "kexin-test", trustedIssuers: issuers, status: { statusList } }));
      return results.map((result) => (result.verified ? "active" : `${result.check}:${result.status ?? result.code}`));
    },
    { credentialText: JSON.stringify(secured), lists: [list(false), list(true)], issuers: trustedIssuers },
  );
  assert.deepEqual(verdicts, ["active", "status:revoked"]);
});

test("browser: Chromium reads a suspension list beside the revocation list and finds the credential suspended, then reinstated", { timeout: 60_000 }, async () => {
  const privateKey = gmSuite.generatePrivateKey();
  const publicKey = gmSuite.publicKeyOf(privateKey);
  const index = 12_345;
  const unsigned: CredentialDocument = { id: "urn:uuid:household-3", issuer: "https://civil.gov.example", credentialStatus: credentialStatusEntries("kexin-test", "civil", index), credentialSubject: { household: "东城区" } };
  const secured = createCredentialProof(gmSuite, unsigned, privateKey, { verificationMethod: didKeyVerificationMethod(gmSuite, publicKey) });
  const list = (statusPurpose: "revocation" | "suspension", set: boolean) => ({ issuer: "civil", statusPurpose, height: 9, encodedList: encodedListOf(gzipSync(set ? withStatusBit(new Uint8Array(16_384), index) : new Uint8Array(16_384))) });
  const trustedIssuers = [{ id: "https://civil.gov.example", organisation: "civil", publicKeys: [publicKeyMultibase(gmSuite, publicKey)] }];
  const verdicts = await page.evaluate(
    async ({ credentialText, pairs, issuers }) => {
      const credential = JSON.parse(credentialText) as CredentialDocument;
      const results: CredentialVerification[] = [];
      for (const [statusList, suspensionList] of pairs) results.push(await kexinCredentials.verifyCredentialOffline(kexinCredentials.gmSuite, { credential, chainId: "kexin-test", trustedIssuers: issuers, status: { statusList, suspensionList } }));
      return results.map((result) => (result.verified ? "active" : `${result.check}:${result.status ?? result.code}`));
    },
    {
      credentialText: JSON.stringify(secured),
      pairs: [
        [list("revocation", false), list("suspension", true)],
        [list("revocation", false), list("suspension", false)],
      ] as const,
      issuers: trustedIssuers,
    },
  );
  assert.deepEqual(verdicts, ["status:suspended", "active"]);
});
