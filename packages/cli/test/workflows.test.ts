import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { type WorkflowTemplate, fromHex, getSuite, publicKeyMultibase, toHex } from "@kexin/core";
import { parseGenesis } from "../../node/src/genesis.ts";
import { type TestChain, startTestChain } from "../../node/test/support.ts";
import { createCliKeys, parseJson, runCli } from "./runCli.ts";

const passphrase = { KEXIN_PASSPHRASE: "secret" };
const keyNames = ["police-admin", "housing-admin", "police-officer", "housing-officer"] as const;
type KeyName = (typeof keyNames)[number];
const subject = "5a".repeat(32);

const template: WorkflowTemplate = {
  id: "housing.short",
  title: { zh: "购房资格（简）", en: "Housing eligibility (short)" },
  steps: [
    { id: "household", title: { zh: "户籍", en: "Household register" }, organisation: "police", role: "registrar", reads: [], deadlineMs: 86_400_000, after: [] },
    { id: "property", title: { zh: "住房", en: "Existing property" }, organisation: "housing", role: "registrar", reads: ["housing.property"], deadlineMs: 86_400_000, after: ["household"] },
  ],
  rule: { kind: "all" },
  decider: { organisation: "housing", role: "registrar" },
};

describe("kexin workflow against a real chain", { timeout: 120_000 }, () => {
  const suite = getSuite("intl");
  const validatorKey = suite.generatePrivateKey();
  let directory: string;
  let home: string;
  let chain: TestChain;
  let keys: Record<KeyName, { address: string; publicKey: string }>;

  const cli = (args: readonly string[]) => runCli([...args, "--home", home, "--node", chain.url], passphrase);
  async function json(args: readonly string[]): Promise<Record<string, unknown>> {
    const run = await cli([...args, "--json"]);
    assert.equal(run.code, 0, `kexin ${args.join(" ")} succeeds: ${run.stdout}${run.stderr}`);
    return parseJson(run.stdout);
  }

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), "kexin-cli-workflows-"));
    home = join(directory, "home");
    keys = await createCliKeys(home, keyNames, passphrase);
    const genesis = parseGenesis({
      chainId: "kexin-cli-workflows",
      suite: suite.id,
      genesisTime: 1_700_000_000_000,
      consensus: "solo",
      validators: [{ name: "v1", publicKey: toHex(suite.publicKeyOf(validatorKey)), power: 1 }],
      organisations: [
        { id: "police", name: "Public security", admins: [keys["police-admin"].publicKey] },
        { id: "housing", name: "Housing registry", admins: [keys["housing-admin"].publicKey] },
      ],
      members: [
        { org: "police", address: keys["police-officer"].address, name: "police officer", roles: ["registrar"] },
        { org: "housing", address: keys["housing-officer"].address, name: "housing officer", roles: ["registrar"] },
      ],
    });
    chain = await startTestChain({ genesis, validatorKey });
    await writeFile(join(directory, "template.json"), JSON.stringify(template));
    await writeFile(join(directory, "schema.json"), JSON.stringify({ type: "object" }));
    await writeFile(join(directory, "property.json"), JSON.stringify({ homes: 0 }));
  });
  after(async () => {
    await chain?.close();
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  });

  test("default: propose and approve a template, apply, attest both steps (the one that reads a dataset citing its access), decide, and verify the decision offline", async () => {
    const schema = join(directory, "schema.json");
    await json(["datashare", "dataset", "register", "--id", "housing.property", "--title-zh", "住房", "--title-en", "Property", "--schema", schema, "--classification", "important", "--price", "0", "--key", "housing-admin"]);
    await json(["workflow", "template", "propose", join(directory, "template.json"), "--key", "housing-admin"]);
    assert.equal((await json(["workflow", "template", "show", template.id])).status, "proposed");
    await json(["workflow", "template", "approve", template.id, "--key", "police-admin"]);
    const listed = await json(["workflow", "template", "list"]);
    assert.deepEqual((listed.templates as { status: string }[]).map((record) => record.status), ["active"]);

    await json(["workflow", "apply", "--template", template.id, "--id", "app-1", "--subject", subject, "--key", "housing-officer"]);
    const inbox = await json(["workflow", "inbox", "police"]);
    assert.deepEqual((inbox.entries as { application: string; step: string }[]).map((entry) => [entry.application, entry.step]), [["app-1", "household"]]);
    const early = await cli(["workflow", "attest", "app-1", "--step", "property", "--outcome", "eligible", "--reason", "no other home", "--key", "housing-officer"]);
    assert.notEqual(early.code, 0);
    assert.match(early.stderr, /WORKFLOW_STEP_NOT_READY/);

    await json(["workflow", "attest", "app-1", "--step", "household", "--outcome", "eligible", "--reason", "registered locally since 2015", "--key", "police-officer"]);
    // The property step reads housing.property: its attestation must cite the officer's audited read of the applicant's record.
    const unread = await cli(["workflow", "attest", "app-1", "--step", "property", "--outcome", "eligible", "--reason", "no other home", "--key", "housing-officer"]);
    assert.notEqual(unread.code, 0);
    assert.match(unread.stderr, /WORKFLOW_EVIDENCE_MISSING/);
    const archive = await cli(["workflow", "attest", "app-1", "--step", "property", "--outcome", "eligible", "--reason", "no other home", "--evidence", "cert-1", "--key", "housing-officer"]);
    assert.match(archive.stderr, /WORKFLOW_EVIDENCE_INVALID/);
    await json(["datashare", "record", "publish", join(directory, "property.json"), "--dataset", "housing.property", "--id", "property-1", "--subject", subject, "--key", "housing-officer"]);
    const { access } = await json(["datashare", "access", "--record", "property-1", "--purpose", "housing purchase eligibility", "--key", "housing-officer"]);
    await json(["workflow", "attest", "app-1", "--step", "property", "--outcome", "eligible", "--reason", "no other home", "--evidence", String(access), "--key", "housing-officer"]);
    const shown = await cli(["workflow", "show", "app-1"]);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /decidable/);
    assert.match(shown.stdout, /registered locally since 2015/);

    const decisionFile = join(directory, "decision.json");
    await json(["workflow", "decide", "app-1", "--key", "housing-officer", "--out", decisionFile]);
    const progress = await json(["workflow", "show", "app-1"]);
    assert.equal(progress.status, "approved");
    const fetched = join(directory, "fetched.json");
    await json(["workflow", "credential", "app-1", "--out", fetched]);
    assert.deepEqual(JSON.parse(await readFile(fetched, "utf8")), JSON.parse(await readFile(decisionFile, "utf8")));

    const trustFile = join(directory, "trust.json");
    const multikey = (name: KeyName) => publicKeyMultibase(suite, fromHex(keys[name].publicKey));
    await writeFile(trustFile, JSON.stringify([{ organisation: "police", publicKeys: [multikey("police-officer")] }, { organisation: "housing", publicKeys: [multikey("housing-officer")] }]));
    const verified = await json(["workflow", "verify", decisionFile, "--trust", trustFile]);
    assert.equal(verified.verified, true);

    const decision = JSON.parse(await readFile(decisionFile, "utf8")) as { credentialSubject: { attestations: { credentialSubject: { outcome: string } }[] } };
    decision.credentialSubject.attestations[0]!.credentialSubject.outcome = "not_eligible";
    const changedFile = join(directory, "changed.json");
    await writeFile(changedFile, JSON.stringify(decision));
    const changed = await cli(["workflow", "verify", changedFile, "--trust", trustFile, "--json"]);
    assert.equal(changed.code, 1, "a changed decision fails with exit status 1");
    assert.equal(parseJson(changed.stdout).code, "WORKFLOW_PROOF_INVALID");

    const again = await cli(["workflow", "attest", "app-1", "--step", "household", "--outcome", "eligible", "--reason", "again", "--key", "police-officer"]);
    assert.notEqual(again.code, 0);
    assert.match(again.stderr, /WORKFLOW_APPLICATION_CLOSED/);
  });
});
