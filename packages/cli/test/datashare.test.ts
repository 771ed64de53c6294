import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { encodeEncryptionKeyText, encryptionPublicKeyOf, generateEncryptionKeyPair, getSuite, importEncryptionKeyFile, toHex } from "@kexin/core";
import { parseGenesis } from "../../node/src/genesis.ts";
import { type TestChain, startTestChain } from "../../node/test/support.ts";
import { propertySchema } from "../../node/test/datashare/fixture.ts";
import { parseJson, runCli } from "./runCli.ts";

const passphrase = { KEXIN_PASSPHRASE: "secret" };
const keyNames = ["housing-admin", "housing-clerk", "tax-admin", "tax-clerk", "citizen"] as const;
type KeyName = (typeof keyNames)[number];
const certificate = { owner: "张三", address: "北京市东城区景山前街4号", areaSquareMetres: 88.5 };
const idNumber = "11010119900307123X";
const price = 7;

describe("kexin datashare against a real chain", () => {
  const suite = getSuite("intl");
  const validatorKey = suite.generatePrivateKey();
  let directory: string;
  let home: string;
  let chain: TestChain;
  const keys = {} as Record<KeyName, { address: string; publicKey: string }>;
  let subject: string;
  const accesses: string[] = [];

  const cli = (args: readonly string[]) => runCli([...args, "--home", home, "--node", chain.url], passphrase);
  async function json(args: readonly string[]): Promise<Record<string, unknown>> {
    const run = await cli([...args, "--json"]);
    assert.equal(run.code, 0, `kexin ${args.join(" ")} succeeds: ${run.stdout}${run.stderr}`);
    return parseJson(run.stdout);
  }
  /** The code a failing command reports with --json. */
  async function failure(args: readonly string[]): Promise<string> {
    const run = await cli([...args, "--json"]);
    assert.notEqual(run.code, 0, `kexin ${args.join(" ")} fails`);
    return (parseJson(run.stdout).error as { code: string }).code;
  }

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), "kexin-cli-datashare-"));
    home = join(directory, "home");
    const created = await Promise.all(keyNames.map((name) => runCli(["keys", "new", name, "--home", home, "--json"], passphrase)));
    for (const [index, name] of keyNames.entries()) {
      assert.equal(created[index]?.code, 0, `key ${name} is created: ${created[index]?.stderr}`);
      const info = parseJson(created[index]?.stdout ?? "{}");
      keys[name] = { address: info.address as string, publicKey: info.publicKey as string };
    }
    const genesis = parseGenesis({
      chainId: "kexin-cli-datashare",
      suite: suite.id,
      genesisTime: 1_700_000_000_000,
      consensus: "solo",
      validators: [{ name: "v1", publicKey: toHex(suite.publicKeyOf(validatorKey)), power: 1 }],
      organisations: [
        { id: "housing", name: "Housing bureau", admins: [keys["housing-admin"].publicKey] },
        { id: "tax", name: "Tax bureau", admins: [keys["tax-admin"].publicKey] },
      ],
      members: [
        { org: "housing", address: keys["housing-clerk"].address, name: "housing clerk", roles: [] },
        { org: "tax", address: keys["tax-clerk"].address, name: "tax clerk", roles: [] },
      ],
      sections: { datashare: { credits: { tax: 100, housing: 10 } } },
    });
    chain = await startTestChain({ genesis, validatorKey });
  });
  after(async () => {
    await chain?.close();
    await rm(directory, { recursive: true, force: true });
  });

  test("default: an admin registers a dataset from a schema file; dataset list and show find it", async () => {
    const schemaFile = join(directory, "property.schema.json");
    await writeFile(schemaFile, propertySchema);
    const registered = await json(["datashare", "dataset", "register", "--key", "housing-admin", "--id", "housing.property", "--title-zh", "不动产权证书", "--title-en", "Property certificates", "--schema", schemaFile, "--classification", "important", "--price", String(price)]);
    assert.equal(registered.id, "housing.property");
    // Reads that do not depend on each other run side by side: each run of the CLI starts a process.
    const [listed, human] = await Promise.all([json(["datashare", "dataset", "list"]), cli(["datashare", "dataset", "show", "housing.property"])]);
    assert.deepEqual([(listed.datasets as { id: string; owner: string }[]).map((entry) => [entry.id, entry.owner]), listed.total, listed.next], [[["housing.property", "housing"]], 1, null]);
    assert.match(human.stdout, /owner\s+housing/);
    assert.match(human.stdout, /price\s+7 credits per access/);
  });

  test("default: a clerk publishes a record from a JSON file with a subject reference made here from an ID number", async () => {
    const subjectKey = join(directory, "housing.subject-key");
    await json(["datashare", "subject", "new-key", subjectKey]);
    assert.equal((await stat(subjectKey)).mode & 0o777, 0o600, "the subject key file is readable by its owner only");
    const recordFile = join(directory, "cert-1.json");
    await writeFile(recordFile, JSON.stringify(certificate));
    const [reference, published] = await Promise.all([
      json(["datashare", "subject", "reference", "--subject-key", subjectKey, "--id-number", idNumber.toLowerCase()]),
      json(["datashare", "record", "publish", recordFile, "--key", "housing-clerk", "--dataset", "housing.property", "--id", "cert-1", "--id-number", idNumber, "--subject-key", subjectKey]),
    ]);
    subject = reference.subject as string;
    assert.match(subject, /^[0-9a-f]{64}$/);
    assert.equal(published.subject, subject, "the reference does not depend on the check letter's case");
    const invalid = join(directory, "invalid.json");
    await writeFile(invalid, JSON.stringify({ owner: "李四" }));
    const [listed, invalidCode] = await Promise.all([
      json(["datashare", "record", "list", "--dataset", "housing.property"]),
      failure(["datashare", "record", "publish", invalid, "--key", "housing-clerk", "--dataset", "housing.property", "--id", "cert-bad", "--subject", subject]),
    ]);
    assert.deepEqual((listed.records as { id: string; subject: string }[]).map((entry) => [entry.id, entry.subject]), [["cert-1", subject]]);
    assert.equal(invalidCode, "DATASHARE_RECORD_INVALID");
  });

  test("default: grant, then the tax clerk registers an encryption key and reads the record decrypted; credits move and the audit lists the accesses", async () => {
    await json(["datashare", "grant", "--key", "housing-admin", "--dataset", "housing.property", "--organisation", "tax", "--purpose", "property tax", "--expires-in", "1000", "--accesses-max", "5"]);
    const [grants, registered] = await Promise.all([json(["datashare", "grants", "--dataset", "housing.property"]), json(["datashare", "key", "register", "--key", "tax-clerk"])]);
    assert.deepEqual((grants.grants as { grantee: { id: string }; accessesMax: number }[]).map((grant) => [grant.grantee.id, grant.accessesMax]), [["tax", 5]]);
    assert.equal(registered.created, true);
    const encryptionKey = registered.file as string;
    // Protected as the signing key beside it is: the same passphrase, the same encrypted PKCS#8 envelope, readable by its owner only.
    const keyText = await readFile(encryptionKey, "utf8");
    assert.match(keyText, /^kexin-encryption-key:intl\n-----BEGIN ENCRYPTED PRIVATE KEY-----\n[\s\S]+-----END ENCRYPTED PRIVATE KEY-----\n$/);
    assert.equal((await stat(encryptionKey)).mode & 0o777, 0o600);
    assert.equal(toHex(encryptionPublicKeyOf(suite, importEncryptionKeyFile(keyText, passphrase.KEXIN_PASSPHRASE).privateKey)), registered.publicKey);
    assert.throws(() => importEncryptionKeyFile(keyText, "not the passphrase"), { code: "CRYPTO_BAD_PASSPHRASE" });

    const read = await json(["datashare", "record", "read", "cert-1", "--key", "tax-clerk", "--encryption-key", encryptionKey, "--purpose", "property tax 2026"]);
    assert.deepEqual(read.value, certificate);
    assert.deepEqual([read.fields, read.grantedFields, read.withheldFields], [Object.keys(certificate).sort(), undefined, []], "a whole grant opens every field");
    accesses.push(read.access as string);
    const accessed = await json(["datashare", "access", "--key", "tax-clerk", "--dataset", "housing.property", "--subject", subject, "--purpose", "housing subsidy"]);
    assert.deepEqual([accessed.records, accessed.price], [["cert-1"], price]);
    accesses.push(accessed.access as string);
    const out = join(directory, "read.json");
    await json(["datashare", "record", "read", "cert-1", "--key", "tax-clerk", "--encryption-key", encryptionKey, "--access", accessed.access as string, "--out", out]);
    assert.deepEqual(JSON.parse(await readFile(out, "utf8")), certificate);

    const [credits, byDataset, byOrganisation, human] = await Promise.all([
      json(["datashare", "credits"]),
      json(["datashare", "audit", "--dataset", "housing.property", "--limit", "1"]),
      json(["datashare", "audit", "--organisation", "tax", "--limit", "1"]),
      cli(["datashare", "audit", "--dataset", "housing.property"]),
    ]);
    assert.deepEqual(
      [(credits.credits as { organisation: string; balance: number }[]).map((entry) => [entry.organisation, entry.balance]), credits.total],
      [
        [
          ["housing", 10 + 2 * price],
          ["tax", 100 - 2 * price],
        ],
        110,
      ],
    );
    for (const audited of [byDataset, byOrganisation]) assert.deepEqual([(audited.accesses as { tx: string }[]).map((entry) => entry.tx), audited.total, audited.next], [[accesses[0]], 2, 1]);
    assert.match(human.stdout, /housing subsidy/);
    assert.match(human.stdout, /1–2 of 2/);
  });

  test("default: the citizen whose key the housing bureau bound lists the accesses to their records; error: the tax clerk may not", async () => {
    await json(["datashare", "subject", "bind", "--key", "housing-clerk", "--subject", subject, "--public-key", keys.citizen.publicKey]);
    const [audited, refused] = await Promise.all([
      json(["datashare", "audit", "--subject", subject, "--owner", "housing", "--key", "citizen"]),
      failure(["datashare", "audit", "--subject", subject, "--owner", "housing", "--key", "tax-clerk"]),
    ]);
    assert.equal(audited.viewer, "subject");
    assert.deepEqual(
      (audited.accesses as { tx: string; requester: string; purpose: string }[]).map((entry) => [entry.tx, entry.requester, entry.purpose]),
      [
        [accesses[0], keys["tax-clerk"].address, "property tax 2026"],
        [accesses[1], keys["tax-clerk"].address, "housing subsidy"],
      ],
    );
    assert.equal(refused, "DATASHARE_AUDIT_NOT_ALLOWED");
  });

  test("error: after revoke the next read is refused on chain (DATASHARE_GRANT_REVOKED); contradictory options are refused before anything is sent", async () => {
    const revoked = await json(["datashare", "revoke", "--key", "housing-admin", "--dataset", "housing.property", "--organisation", "tax"]);
    assert.equal(revoked.revokedFrom, (revoked.height as number) + 1);
    const encryptionKey = join(home, "keys", "tax-clerk.encryption-key");
    const codes = await Promise.all([
      failure(["datashare", "record", "read", "cert-1", "--key", "tax-clerk", "--encryption-key", encryptionKey, "--purpose", "after revocation"]),
      failure(["datashare", "record", "read", "cert-1", "--key", "tax-clerk", "--encryption-key", encryptionKey, "--access", accesses[1] ?? ""]),
      failure(["datashare", "grant", "--key", "housing-admin", "--dataset", "housing.property", "--organisation", "tax", "--member", keys["tax-clerk"].address, "--purpose", "x", "--expires-in", "5", "--accesses-max", "1"]),
      failure(["datashare", "audit", "--dataset", "housing.property", "--organisation", "tax"]),
      failure(["datashare", "record", "read", "cert-1", "--key", "tax-clerk", "--encryption-key", join(directory, "cert-1.json"), "--access", accesses[0] ?? ""]),
    ]);
    assert.deepEqual(codes, ["DATASHARE_GRANT_REVOKED", "DATASHARE_GRANT_REVOKED", "CLI_BAD_INPUT", "CLI_BAD_INPUT", "DATASHARE_KEY_FILE_INVALID"]);
  });
  test("behavior: an encryption key file of the older unprotected form is still read and registered", async () => {
    const legacy = join(directory, "legacy.encryption-key");
    const pair = generateEncryptionKeyPair(suite);
    await writeFile(legacy, `${encodeEncryptionKeyText("intl", pair.privateKey)}\n`, { mode: 0o600 });
    const registered = await json(["datashare", "key", "register", "--key", "housing-clerk", "--encryption-key", legacy]);
    assert.deepEqual([registered.created, registered.publicKey], [false, toHex(pair.publicKey)]);
    const wrongPassphrase = await runCli(["datashare", "key", "register", "--key", "housing-clerk", "--home", home, "--node", chain.url, "--json"], { KEXIN_PASSPHRASE: "wrong" });
    assert.equal((parseJson(wrongPassphrase.stdout).error as { code: string }).code, "CRYPTO_BAD_PASSPHRASE");
    assert.equal(await readFile(join(home, "keys", "housing-clerk.encryption-key"), "utf8").catch(() => "absent"), "absent", "nothing written under a wrong passphrase");
  });
});
