import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { exportEncryptedKeyFile, publicKeyMultibase } from "@kexin/core";
import { type DatashareChain, startDatashareChain } from "../../node/test/datashare/fixture.ts";
import type { CliContext } from "../src/context.ts";
import { buildProgram } from "../src/main.ts";

const passphrase = "credential-test";
let chain: DatashareChain;
let directory: string;
const keyFile = (name: string): string => join(directory, `${name}.key`);
const file = (name: string): string => join(directory, name);

/** Runs `kexin` in this process. */
async function kexin(args: readonly string[]): Promise<{ exitCode: number; json: Record<string, unknown> }> {
  let stdout = "";
  const context: CliContext = { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: () => true }, stdin: process.stdin, env: {}, exitCode: 0 };
  const program = buildProgram(context);
  await program.parseAsync(["node", "kexin", "--node", chain.chain.url, "--json", ...args]);
  return { exitCode: context.exitCode, json: JSON.parse(stdout) as Record<string, unknown> };
}

before(async () => {
  chain = await startDatashareChain();
  directory = await mkdtemp(join(tmpdir(), "kexin-cli-credential-"));
  for (const [name, account] of [["housing", chain.admins.housing], ["tax", chain.clerks.tax]] as const) {
    await writeFile(keyFile(name), exportEncryptedKeyFile(chain.suite, account.privateKey, passphrase, { scryptN: 2 ** 10 }));
  }
  await writeFile(
    file("unsigned.json"),
    JSON.stringify({ "@context": ["https://www.w3.org/ns/credentials/v2"], id: "urn:uuid:marriage-1", type: ["VerifiableCredential", "MarriageCertificate"], issuer: "https://civil.gov.example", credentialSubject: { spouses: ["张三", "李四"] } }),
  );
  await writeFile(file("trust.json"), JSON.stringify([{ id: "https://civil.gov.example", organisation: "housing", publicKeys: [publicKeyMultibase(chain.suite, chain.admins.housing.publicKey)] }]));
});
after(async () => {
  await chain?.close();
  if (directory !== undefined) await rm(directory, { recursive: true, force: true });
});

test("default: credential issue → verify → verify --purpose records the check → suspend → verify fails, offline too → reinstate → verifies → revoke → verify fails with its status; older snapshots still say active", { timeout: 120_000 }, async () => {
  const issued = await kexin(["datashare", "credential", "issue", file("unsigned.json"), "--key", keyFile("housing"), "--passphrase", passphrase, "--out", file("signed.json")]);
  assert.equal(issued.json.id, "urn:uuid:marriage-1");
  const signed = JSON.parse(await readFile(file("signed.json"), "utf8")) as { proof: { cryptosuite: string } };
  assert.equal(signed.proof.cryptosuite, "eddsa-jcs-2022");
  assert.equal((await chain.query("credential", { id: "urn:uuid:marriage-1" })).body.hash, issued.json.hash);

  const verified = await kexin(["datashare", "credential", "verify", file("signed.json"), "--trust", file("trust.json")]);
  assert.deepEqual([verified.exitCode, verified.json.verified, verified.json.statusIndex], [0, true, issued.json.statusIndex]);
  const recorded = await kexin(["datashare", "credential", "verify", file("signed.json"), "--trust", file("trust.json"), "--purpose", "marriage leave", "--key", keyFile("tax"), "--passphrase", passphrase]);
  assert.equal((recorded.json.recorded as { result: string }).result, "valid");
  const snapshot = await kexin(["datashare", "credential", "status-list", "housing", "--out", file("snapshot.json")]);
  assert.equal(snapshot.exitCode, 0);
  const suspensionSnapshot = await kexin(["datashare", "credential", "status-list", "housing", "--purpose", "suspension", "--out", file("suspension.json")]);
  assert.equal(suspensionSnapshot.json.purpose, "suspension");
  const withoutSuspensionList = await kexin(["datashare", "credential", "verify", file("signed.json"), "--trust", file("trust.json"), "--status-list", file("snapshot.json")]);
  assert.deepEqual([withoutSuspensionList.exitCode, withoutSuspensionList.json.code], [1, "DATASHARE_STATUS_INVALID"], "a suspendable credential needs the suspension list too");

  const verifyOffline = (suspensionList: string) => kexin(["datashare", "credential", "verify", file("signed.json"), "--trust", file("trust.json"), "--status-list", file("snapshot.json"), "--suspension-list", file(suspensionList)]);
  await kexin(["datashare", "credential", "suspend", "urn:uuid:marriage-1", "--reason", "under review", "--key", keyFile("housing"), "--passphrase", passphrase]);
  const suspended = await kexin(["datashare", "credential", "verify", file("signed.json"), "--trust", file("trust.json")]);
  assert.deepEqual([suspended.exitCode, suspended.json.check, suspended.json.code, suspended.json.status], [1, "status", "DATASHARE_CREDENTIAL_SUSPENDED", "suspended"]);
  await kexin(["datashare", "credential", "status-list", "housing", "--purpose", "suspension", "--out", file("suspended.json")]);
  assert.deepEqual([(await verifyOffline("suspended.json")).json.code, (await verifyOffline("suspension.json")).json.verified], ["DATASHARE_CREDENTIAL_SUSPENDED", true]);
  await kexin(["datashare", "credential", "reinstate", "urn:uuid:marriage-1", "--key", keyFile("housing"), "--passphrase", passphrase]);
  assert.equal((await kexin(["datashare", "credential", "verify", file("signed.json"), "--trust", file("trust.json")])).json.verified, true);

  await kexin(["datashare", "credential", "revoke", "urn:uuid:marriage-1", "--reason", "divorce registered", "--key", keyFile("housing"), "--passphrase", passphrase]);
  const revoked = await kexin(["datashare", "credential", "verify", file("signed.json"), "--trust", file("trust.json")]);
  assert.deepEqual([revoked.exitCode, revoked.json.verified, revoked.json.check, revoked.json.code, revoked.json.status], [1, false, "status", "DATASHARE_CREDENTIAL_REVOKED", "revoked"]);
  const offline = await verifyOffline("suspension.json");
  assert.deepEqual([offline.exitCode, offline.json.verified], [0, true]);
});

test("error: a tampered credential fails its signature check (exit 1); --purpose without --key is refused before anything is sent", { timeout: 60_000 }, async () => {
  const signed = JSON.parse(await readFile(file("signed.json"), "utf8")) as Record<string, unknown>;
  await writeFile(file("tampered.json"), JSON.stringify({ ...signed, credentialSubject: { spouses: ["张三", "王五"] } }));
  const tampered = await kexin(["datashare", "credential", "verify", file("tampered.json"), "--trust", file("trust.json")]);
  assert.deepEqual([tampered.exitCode, tampered.json.check, tampered.json.code], [1, "signature", "DATASHARE_PROOF_INVALID"]);
  await assert.rejects(kexin(["datashare", "credential", "verify", file("signed.json"), "--trust", file("trust.json"), "--purpose", "checking"]), { code: "CLI_BAD_INPUT" });
  const verificationsBefore = (await chain.query("credential_verifications", { credential: "urn:uuid:marriage-1" })).body.verifications as unknown[];
  assert.equal(verificationsBefore.length, 1, "only the one recorded verification");
});
