import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { type CredentialDocument, type WorkflowTemplate, datashareSubjectReference, generateSubjectKey, getSuite, publicKeyMultibase, toHex } from "@kexin/core";
import { type KexinClient, type TxCall, type Wallet, createKexinClient, datashare, importKeyFile, walletFromPrivateKey, workflows } from "@kexin/sdk";
import { type RunningTestnet, startTestnet } from "./support/testnet.ts";

// The seven-department housing-eligibility workflow on a 4-validator BFT testnet: each department
// sends from its own validator (seven departments over four validators), the decision is issued
// through yet another, every validator ends with the same application, and the decision verifies
// offline against the departments' keys. Each department first reads the applicant's record, and
// its attestation cites that audited access.

const suite = getSuite("intl");
const template = JSON.parse(readFileSync(new URL("../examples/workflows/housing-eligibility.json", import.meta.url), "utf8")) as WorkflowTemplate;
const departments = [...new Set([...template.steps.map((step) => step.organisation), template.decider.organisation])].sort();
const commitTimeoutMs = 60_000;

const admins = Object.fromEntries(departments.map((organisation) => [organisation, walletFromPrivateKey(suite, suite.generatePrivateKey())])) as Record<string, Wallet>;
const attesters = Object.fromEntries(template.steps.map((step) => [step.id, walletFromPrivateKey(suite, suite.generatePrivateKey())])) as Record<string, Wallet>;
const decider = walletFromPrivateKey(suite, suite.generatePrivateKey());
const clerk = walletFromPrivateKey(suite, suite.generatePrivateKey());

describe("workflows on a 4-validator testnet", { timeout: 300_000 }, () => {
  let testnet: RunningTestnet;
  let clients: KexinClient[];
  /** Each department sends through validator (its position in the sorted list) mod 4. */
  const clientOf = (organisation: string): KexinClient => clients[departments.indexOf(organisation) % clients.length] as KexinClient;
  const commit = async (client: KexinClient, wallet: Wallet, call: TxCall): Promise<string> => {
    const sent = await client.buildAndSend(wallet, call);
    const committed = await client.waitForCommit({ hash: sent.hash, timeoutMs: commitTimeoutMs });
    assert.equal(committed.result.status, "ok", `${call.module}.${call.type}: ${committed.result.code} ${committed.result.message}`);
    return sent.hash;
  };

  before(async () => {
    testnet = await startTestnet(4, {
      amendGenesis: (genesis) => ({
        ...genesis,
        organisations: [...genesis.organisations, ...departments.map((organisation) => ({ id: organisation, name: organisation, admins: [toHex(admins[organisation]!.publicKey)] }))],
        members: [
          ...genesis.members,
          ...template.steps.map((step) => ({ org: step.organisation, address: attesters[step.id]!.address, name: `${step.id} officer`, roles: [step.role] })),
          { org: template.decider.organisation, address: decider.address, name: "eligibility officer", roles: [template.decider.role] },
          { org: "housing_registry", address: clerk.address, name: "counter clerk", roles: [] },
        ],
      }),
    });
    clients = testnet.nodes.map((node) => createKexinClient({ url: node.url }));
  });
  after(async () => {
    await testnet?.stop();
  });

  test("default: seven departments attest from different validators, the decision verifies offline, and every validator agrees", async () => {
    await Promise.all(
      template.steps.flatMap((step) =>
        step.reads.map((dataset) => commit(clientOf(step.organisation), admins[step.organisation]!, datashare.registerDataset({ id: dataset, title: step.title, recordSchema: JSON.stringify({ type: "object" }), classification: "important", price: 0 }))),
      ),
    );
    await commit(clientOf("housing_registry"), admins.housing_registry!, workflows.proposeTemplate({ template }));
    // 4 testnet organisations and 7 departments: more than two thirds of 11 is 8, so the bureau approves too.
    const bureau = await importKeyFile(readFileSync(join(testnet.dir, "keys", "bureau-admin.key"), "utf8"), "kexin-dev");
    await Promise.all([
      ...departments.filter((organisation) => organisation !== "housing_registry").map((organisation) => commit(clientOf(organisation), admins[organisation]!, workflows.approveTemplate({ id: template.id }))),
      commit(clients[0]!, bureau, workflows.approveTemplate({ id: template.id })),
    ]);
    assert.equal((await clients[3]!.workflows.getTemplate({ id: template.id })).status, "active");

    const subject = datashareSubjectReference(suite, generateSubjectKey(suite), "11010119900307123X");
    await commit(clientOf("housing_registry"), clerk, workflows.apply({ id: "app-testnet-1", template: template.id, subject }));
    // Each department reads the applicant's record in its own dataset (published first), an audited access its attestation cites.
    const reads = Object.fromEntries(
      await Promise.all(
        template.steps.map(async (step) => {
          const client = clientOf(step.organisation);
          const record = `${step.id}-app-testnet-1`;
          await commit(client, attesters[step.id]!, datashare.publishRecord({ id: record, dataset: step.reads[0]!, hash: "11".repeat(32), size: 100, subject }));
          return [step.id, await commit(client, attesters[step.id]!, datashare.access({ record, purpose: "housing purchase eligibility" }))] as const;
        }),
      ),
    );
    const usedValidators = new Set<number>();
    let last = "";
    for (const step of template.steps) {
      const client = clientOf(step.organisation);
      usedValidators.add(clients.indexOf(client));
      const { call } = await client.workflows.attest({ wallet: attesters[step.id]!, application: "app-testnet-1", step: step.id, outcome: "eligible", reason: `${step.id} checked`, evidence: [reads[step.id]!] });
      last = await commit(client, attesters[step.id]!, call);
    }
    assert.equal(usedValidators.size, 4, "the departments sent through all four validators");

    // The decider's node must have committed the last attestation before it builds the decision from what it holds.
    const deciderClient = clients[(departments.indexOf("housing_registry") + 1) % clients.length]!;
    await deciderClient.waitForCommit({ hash: last, timeoutMs: commitTimeoutMs });
    const decided = await deciderClient.workflows.decide({ wallet: decider, application: "app-testnet-1" });
    const decision = await commit(deciderClient, decider, decided.call);
    const answers = await Promise.all(
      clients.map(async (client) => {
        await client.waitForCommit({ hash: decision, timeoutMs: commitTimeoutMs });
        return client.workflows.getApplication({ id: "app-testnet-1" });
      }),
    );
    for (const answer of answers) assert.deepEqual(answer.application, answers[0]!.application, "every validator holds the same application");
    assert.equal(answers[0]!.status, "approved");

    const trustedSigners = departments.map((organisation) => ({
      organisation,
      publicKeys: [
        ...template.steps.filter((step) => step.organisation === organisation).map((step) => publicKeyMultibase(suite, attesters[step.id]!.publicKey)),
        ...(organisation === template.decider.organisation ? [publicKeyMultibase(suite, decider.publicKey)] : []),
      ],
    }));
    const verified = workflows.verifyWorkflowDecision({ suite: "intl", decision: decided.credential, trustedSigners, templateHash: answers[0]!.application.templateHash });
    assert.ok(verified.verified, JSON.stringify(verified));
    const body = decided.credential.credentialSubject as { attestations: CredentialDocument[] };
    const removed = workflows.verifyWorkflowDecision({ suite: "intl", decision: { ...decided.credential, credentialSubject: { ...body, attestations: body.attestations.slice(1) } }, trustedSigners });
    assert.ok(!removed.verified && removed.code === "WORKFLOW_PROOF_INVALID");
    const changedAttestations = body.attestations.map((attestation, index) => (index === 2 ? { ...attestation, issuer: "urn:kexin:other:organisation:tax" } : attestation));
    const changed = workflows.verifyWorkflowDecision({ suite: "intl", decision: { ...decided.credential, credentialSubject: { ...body, attestations: changedAttestations } }, trustedSigners });
    assert.ok(!changed.verified && changed.code === "WORKFLOW_PROOF_INVALID");
  });
});
