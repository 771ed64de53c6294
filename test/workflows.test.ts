import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import {
  type ApplicationAnswer,
  type CredentialDocument,
  type TrustedWorkflowSigner,
  type WorkflowTemplate,
  createCredentialProof,
  datashareSubjectReference,
  didKeyVerificationMethod,
  generateSubjectKey,
  getSuite,
  publicKeyMultibase,
  toHex,
  workflowDecisionCredential,
} from "@kexin/core";
import { type KexinClient, type TxCall, type Wallet, ApiError, createKexinClient, datashare, walletFromPrivateKey, workflows } from "@kexin/sdk";
import { parseGenesis } from "../packages/node/src/genesis.ts";
import { type TestChain, startTestChain, waitForCommitted } from "../packages/node/test/support.ts";

// The seven-department housing-eligibility workflow on a solo node (real LMDB, real HTTP), driven
// through the SDK: the approved path with its decision verified offline, a refusal, a missed
// deadline, and every refusal code of attest, apply, decide and the template lifecycle.

const suite = getSuite("intl");
const template = JSON.parse(readFileSync(new URL("../examples/workflows/housing-eligibility.json", import.meta.url), "utf8")) as WorkflowTemplate;
const organisations = [...new Set([...template.steps.map((step) => step.organisation), template.decider.organisation])].sort();
const weekMs = 7 * 86_400_000;

function newWallet(): Wallet {
  return walletFromPrivateKey(suite, suite.generatePrivateKey());
}

const admins = Object.fromEntries(organisations.map((organisation) => [organisation, newWallet()])) as Record<string, Wallet>;
/** The member that attests each step, with the step's role. */
const attesters = Object.fromEntries(template.steps.map((step) => [step.id, newWallet()])) as Record<string, Wallet>;
const deciderKey = suite.generatePrivateKey();
const decider = walletFromPrivateKey(suite, deciderKey);
/** A member of tax without the tax officer's role, and a second tax officer. */
const taxClerk = newWallet();
const secondTaxOfficer = newWallet();
/** A clerk of the housing registry who files applications for citizens. */
const counterClerk = newWallet();
const citizen = newWallet();
const subjectKey = generateSubjectKey(suite);
let applicationCount = 0;

type Outcome = { readonly status: "ok" | "failed"; readonly code: string; readonly message: string };

describe("workflows: the seven-department housing eligibility", { timeout: 120_000 }, () => {
  let chain: TestChain;
  let client: KexinClient;

  const send = async (wallet: Wallet, call: TxCall): Promise<Outcome> => {
    const sent = await client.buildAndSend(wallet, call);
    const committed = (await waitForCommitted(chain, sent.hash, 30_000)) as { result: Outcome };
    return committed.result;
  };
  const commit = async (wallet: Wallet, call: TxCall): Promise<void> => {
    const outcome = await send(wallet, call);
    assert.equal(outcome.status, "ok", `${call.module}.${call.type}: ${outcome.code} ${outcome.message}`);
  };
  const progress = (id: string): Promise<ApplicationAnswer> => client.workflows.getApplication({ id }) as Promise<ApplicationAnswer>;
  const nonceOf = async (wallet: Wallet): Promise<number> => (await chain.get(`/v1/accounts/${wallet.address}`)).body.nonce as number;
  /** Sends a call that must fail at execution with `code`, spending the nonce and changing nothing of the application. */
  const refused = async (wallet: Wallet, call: TxCall, code: string, application?: string): Promise<void> => {
    const before = application === undefined ? undefined : (await progress(application)).application;
    const nonce = await nonceOf(wallet);
    const outcome = await send(wallet, call);
    assert.deepEqual([outcome.status, outcome.code], ["failed", code], outcome.message);
    assert.equal(await nonceOf(wallet), nonce + 1, "the nonce is spent");
    if (application !== undefined) assert.deepEqual((await progress(application)).application, before, "nothing but the nonce is committed");
  };
  const attestCall = async (step: string, application: string, outcome: "eligible" | "not_eligible" = "eligible", wallet = attesters[step]!, evidence: readonly string[] = []) =>
    (await client.workflows.attest({ wallet, application, step, outcome, reason: outcome === "eligible" ? `${step}: meets the requirement` : `${step}: does not meet the requirement`, evidence })).call;
  const startApplication = async (templateId = template.id): Promise<string> => {
    applicationCount += 1;
    const id = `app-${applicationCount}`;
    const subject = datashareSubjectReference(suite, subjectKey, `11010119900307${String(applicationCount).padStart(3, "0")}X`);
    await commit(counterClerk, workflows.apply({ id, template: templateId, subject, applicant: citizen.address }));
    return id;
  };
  let recordCount = 0;
  /**
   * A department's officer reads the applicant's record in a dataset (by default the step's own):
   * its organisation publishes the record and reads it back, an audited datashare access, whose
   * transaction the attestation cites as evidence.
   */
  const readForStep = async (step: string, application: string, options: { subject?: string; dataset?: string } = {}): Promise<string> => {
    const officer = attesters[step]!;
    recordCount += 1;
    const record = `${step}-record-${recordCount}`;
    const dataset = options.dataset ?? template.steps.find((candidate) => candidate.id === step)!.reads[0]!;
    const subject = options.subject ?? (await progress(application)).application.subject;
    await commit(officer, datashare.publishRecord({ id: record, dataset, hash: "11".repeat(32), size: 100, subject }));
    const sent = await client.buildAndSend(officer, datashare.access({ record, purpose: "housing purchase eligibility" }));
    await waitForCommitted(chain, sent.hash, 30_000);
    return sent.hash;
  };
  /** Attests a step that reads datasets, citing a fresh read of the applicant's record. */
  const attestWithRead = async (step: string, application: string, outcome: "eligible" | "not_eligible" = "eligible"): Promise<void> =>
    commit(attesters[step]!, await attestCall(step, application, outcome, attesters[step], [await readForStep(step, application)]));
  /** Attests every step in the template's order (each after the ones it depends on), each citing its read unless `evidence` names it. */
  const attestAll = async (application: string, evidence: Readonly<Record<string, readonly string[]>> = {}): Promise<void> => {
    for (const step of template.steps) await commit(attesters[step.id]!, await attestCall(step.id, application, "eligible", attesters[step.id], evidence[step.id] ?? [await readForStep(step.id, application)]));
  };
  const trustedSigners = (): TrustedWorkflowSigner[] =>
    organisations.map((organisation) => ({
      organisation,
      publicKeys: [
        ...template.steps.filter((step) => step.organisation === organisation).map((step) => publicKeyMultibase(suite, attesters[step.id]!.publicKey)),
        ...(organisation === template.decider.organisation ? [publicKeyMultibase(suite, decider.publicKey)] : []),
      ],
    }));

  before(async () => {
    const validatorKey = suite.generatePrivateKey();
    const genesis = parseGenesis({
      chainId: "kexin-workflows-test",
      suite: "intl",
      genesisTime: 1_700_000_000_000,
      consensus: "solo",
      validators: [{ name: "v1", publicKey: toHex(suite.publicKeyOf(validatorKey)), power: 1 }],
      organisations: organisations.map((organisation) => ({ id: organisation, name: organisation, admins: [toHex(admins[organisation]!.publicKey)] })),
      members: [
        ...template.steps.map((step) => ({ org: step.organisation, address: attesters[step.id]!.address, name: `${step.id} officer`, roles: [step.role] })),
        { org: template.decider.organisation, address: decider.address, name: "eligibility officer", roles: [template.decider.role] },
        { org: "tax", address: taxClerk.address, name: "tax clerk", roles: [] },
        { org: "tax", address: secondTaxOfficer.address, name: "second tax officer", roles: ["tax_officer"] },
        { org: "housing_registry", address: counterClerk.address, name: "counter clerk", roles: [] },
      ],
    });
    chain = await startTestChain({ genesis, validatorKey });
    client = createKexinClient({ url: chain.url });
    try {
      for (const step of template.steps) {
        for (const dataset of step.reads) {
          await commit(admins[step.organisation]!, datashare.registerDataset({ id: dataset, title: { zh: step.title.zh, en: step.title.en }, recordSchema: JSON.stringify({ type: "object" }), classification: "important", price: 0 }));
        }
      }
      await commit(admins.housing_registry!, workflows.proposeTemplate({ template }));
      const needed = Math.floor((organisations.length * 2) / 3) + 1;
      for (const organisation of organisations.filter((candidate) => candidate !== "housing_registry").slice(0, needed - 1)) {
        assert.equal((await client.workflows.getTemplate({ id: template.id })).status, "proposed");
        await commit(admins[organisation]!, workflows.approveTemplate({ id: template.id }));
      }
    } catch (error) {
      await chain.close();
      throw error;
    }
  });
  after(async () => {
    await chain?.close();
  });

  test("behavior: the template is active once more than two thirds of the organisations approve", async () => {
    const record = await client.workflows.getTemplate({ id: template.id });
    assert.equal(record.status, "active");
    assert.equal(record.approvals.length, record.needed);
    assert.equal(record.needed, 5, "7 organisations: more than two thirds is 5");
    await refused(admins.courts!, workflows.approveTemplate({ id: template.id }), "WORKFLOW_TEMPLATE_ALREADY_APPROVED");
    const listed = await client.workflows.getTemplates();
    assert.deepEqual(listed.templates.map((entry) => entry.template.id), [template.id]);
  });

  test("default: seven departments attest in order, the housing registry decides, and the decision verifies offline", async () => {
    const id = await startApplication();
    let answer = await progress(id);
    assert.equal(answer.status, "open");
    assert.equal(answer.application.applicant, citizen.address);
    assert.equal(answer.application.filedBy, counterClerk.address, "the clerk acting for the applicant is recorded");
    assert.deepEqual(answer.steps.filter((step) => step.state === "awaiting").map((step) => step.id), ["household", "enforcement"]);
    const policeInbox = await client.workflows.getInbox({ organisation: "public_security" });
    assert.ok(policeInbox.entries.some((entry) => entry.application === id && entry.step === "household"));
    const civilInbox = await client.workflows.getInbox({ organisation: "civil_affairs" });
    assert.ok(!civilInbox.entries.some((entry) => entry.application === id), "marriage waits for the household register");

    const propertyAccess = await readForStep("property", id);
    await attestAll(id, { property: [propertyAccess] });
    answer = await progress(id);
    assert.deepEqual([answer.status, answer.decidable, answer.missing], ["open", true, []]);
    assert.deepEqual(answer.steps.find((step) => step.id === "property")?.attestation?.evidence, [propertyAccess]);
    for (const step of answer.steps) {
      assert.equal(step.state, "attested");
      assert.equal(step.attestation?.attester, attesters[step.id]!.address, `who signed ${step.id}`);
      assert.ok((step.attestation?.time ?? 0) > 0, "and when");
    }
    const deciderInbox = await client.workflows.getInbox({ organisation: "housing_registry" });
    assert.ok(deciderInbox.entries.some((entry) => entry.application === id && entry.step === null), "the decision awaits the housing registry");

    const { call } = await client.workflows.decide({ wallet: decider, application: id });
    await commit(decider, call);
    answer = await progress(id);
    assert.equal(answer.status, "approved");
    assert.equal(answer.application.decision?.decider, decider.address);
    assert.ok(!(await client.workflows.getInbox({ organisation: "housing_registry" })).entries.some((entry) => entry.application === id), "nothing awaits once decided");

    const { credential: decision, hash } = await client.workflows.getWorkflowCredential({ application: id });
    assert.equal(hash, answer.application.decision?.hash);
    const verified = workflows.verifyWorkflowDecision({ suite: "intl", decision, trustedSigners: trustedSigners(), templateHash: answer.application.templateHash });
    assert.ok(verified.verified, JSON.stringify(verified));
    assert.deepEqual(verified.attestations.map((attestation) => attestation.step), template.steps.map((step) => step.id));
    assert.equal(verified.organisation, "housing_registry");

    const byApplicant = await client.workflows.getApplications({ applicant: citizen.address });
    assert.ok(byApplicant.applications.some((entry) => entry.id === id));
    const bySubject = await client.workflows.getApplications({ subject: answer.application.subject });
    assert.deepEqual(bySubject.applications.map((entry) => entry.id), [id]);
  });

  test("error: the decision fails offline when any attestation is changed or removed, or a signer is not trusted", async () => {
    const id = await startApplication();
    await attestAll(id);
    await commit(decider, (await client.workflows.decide({ wallet: decider, application: id })).call);
    const { credential: decision } = await client.workflows.getWorkflowCredential({ application: id });
    const subject = decision.credentialSubject as { attestations: CredentialDocument[] };
    const verify = (changed: CredentialDocument, signers = trustedSigners()) => workflows.verifyWorkflowDecision({ suite: "intl", decision: changed, trustedSigners: signers });
    const withAttestations = (attestations: CredentialDocument[]): CredentialDocument => ({ ...decision, credentialSubject: { ...subject, attestations } });
    const resign = (changed: CredentialDocument): CredentialDocument => {
      const { proof: _proof, ...unsigned } = changed;
      return createCredentialProof(suite, unsigned, deciderKey, { verificationMethod: didKeyVerificationMethod(suite, decider.publicKey) });
    };

    for (const [position] of subject.attestations.entries()) {
      const attestations = subject.attestations.map((attestation, index) =>
        index === position ? { ...attestation, credentialSubject: { ...(attestation.credentialSubject as object), reason: "changed" } } : attestation,
      );
      const changed = verify(withAttestations(attestations));
      assert.ok(!changed.verified && changed.code === "WORKFLOW_PROOF_INVALID" && changed.check === "signature", `attestation ${position} changed: ${JSON.stringify(changed)}`);
      // Even a decider that re-signs over the changed attestation is caught: the attestation's own proof breaks.
      const resigned = verify(resign(withAttestations(attestations)));
      assert.ok(!resigned.verified && resigned.code === "WORKFLOW_PROOF_INVALID" && resigned.check === "attestation", `attestation ${position} changed and re-signed: ${JSON.stringify(resigned)}`);
      const removed = verify(withAttestations(subject.attestations.filter((_attestation, index) => index !== position)));
      assert.ok(!removed.verified && removed.code === "WORKFLOW_PROOF_INVALID" && removed.check === "signature", `attestation ${position} removed: ${JSON.stringify(removed)}`);
    }
    // A decider that signs a decision without one of the attestations: its proof holds, the rule does not.
    const short = verify(resign(withAttestations(subject.attestations.slice(1))));
    assert.ok(!short.verified && short.code === "WORKFLOW_RULE_NOT_MET", JSON.stringify(short));
    const untrusted = verify(decision, trustedSigners().filter((signer) => signer.organisation !== "courts"));
    assert.ok(!untrusted.verified && untrusted.code === "WORKFLOW_SIGNER_UNTRUSTED", JSON.stringify(untrusted));
    const otherTemplate = workflows.verifyWorkflowDecision({ suite: "intl", decision, trustedSigners: trustedSigners(), templateHash: "00".repeat(32) });
    assert.ok(!otherTemplate.verified && otherTemplate.code === "WORKFLOW_TEMPLATE_MISMATCH");
  });

  test("behavior: a department that attests not eligible refuses the application, with its reason", async () => {
    const id = await startApplication();
    await attestWithRead("household", id);
    await attestWithRead("income_tax", id, "not_eligible");
    const answer = await progress(id);
    assert.equal(answer.status, "refused");
    assert.deepEqual(answer.application.refusal && [answer.application.refusal.step, answer.application.refusal.organisation, answer.application.refusal.reason], ["income_tax", "tax", "income_tax: does not meet the requirement"]);
    assert.ok(answer.missing.includes("marriage"));
    for (const organisation of organisations) {
      assert.ok(!(await client.workflows.getInbox({ organisation })).entries.some((entry) => entry.application === id), `nothing of a refused application awaits ${organisation}`);
    }
    await refused(attesters.marriage!, await attestCall("marriage", id), "WORKFLOW_APPLICATION_CLOSED", id);
    await assert.rejects(client.workflows.decide({ wallet: decider, application: id }), { code: "WORKFLOW_RULE_NOT_MET" });
  });

  test("behavior: a step whose deadline passed expires the application", async () => {
    const quick: WorkflowTemplate = {
      id: "housing.quick-check",
      title: { zh: "快速核查", en: "Quick check" },
      steps: [
        { ...template.steps[0]!, deadlineMs: 1 },
        { ...template.steps.find((step) => step.id === "enforcement")!, deadlineMs: weekMs },
      ],
      rule: { kind: "all" },
      decider: template.decider,
    };
    await commit(admins.housing_registry!, workflows.proposeTemplate({ template: quick }));
    await refused(counterClerk, workflows.apply({ id: "app-not-active", template: quick.id, subject: "ab".repeat(32) }), "WORKFLOW_TEMPLATE_NOT_ACTIVE");
    for (const organisation of ["civil_affairs", "courts", "human_resources", "provident_fund"]) await commit(admins[organisation]!, workflows.approveTemplate({ id: quick.id }));
    const id = await startApplication(quick.id);
    // The application started at one block's time; any later block is more than 1 ms later.
    await refused(attesters.household!, await attestCall("household", id), "WORKFLOW_STEP_DEADLINE_PASSED", id);
    await refused(attesters.enforcement!, await attestCall("enforcement", id), "WORKFLOW_APPLICATION_EXPIRED", id);
    const answer = await progress(id);
    assert.equal(answer.status, "expired");
    assert.equal(answer.application.status, "open", "expiry is judged at block time, not stored");
    assert.deepEqual(answer.steps.map((step) => [step.id, step.state]), [["household", "missed"], ["enforcement", "closed"]]);
    assert.ok(!(await client.workflows.getInbox({ organisation: "courts" })).entries.some((entry) => entry.application === id), "an expired application leaves the inbox");
    // Its inbox entries stay in state until someone closes it; then its status is stored.
    const open = await startApplication();
    await refused(counterClerk, workflows.expire({ application: open }), "WORKFLOW_APPLICATION_NOT_EXPIRED", open);
    const visible = (await client.workflows.getInbox({ organisation: "courts" })).entries.length;
    assert.ok(visible >= 1, "the open application's enforcement step awaits the courts");
    assert.equal((await client.workflows.getInbox({ organisation: "courts", limit: visible })).next, visible, "the expired entry is still there, left out of the page");
    await commit(counterClerk, workflows.expire({ application: id }));
    const closed = await progress(id);
    assert.deepEqual([closed.status, closed.application.status], ["expired", "expired"]);
    assert.equal((await client.workflows.getInbox({ organisation: "courts", limit: visible })).next, null, "expire removed it");
    await refused(counterClerk, workflows.expire({ application: id }), "WORKFLOW_APPLICATION_EXPIRED", id);
    await refused(attesters.enforcement!, await attestCall("enforcement", id), "WORKFLOW_APPLICATION_EXPIRED", id);
  });

  test("error: out of order, wrong organisation or role, twice, another signer, another step — each its code, nothing committed beyond the nonce", async () => {
    const id = await startApplication();
    await refused(attesters.marriage!, await attestCall("marriage", id), "WORKFLOW_STEP_NOT_READY", id);
    await refused(attesters.income_tax!, await attestCall("household", id, "eligible", attesters.income_tax), "WORKFLOW_WRONG_ORGANISATION", id);
    await attestWithRead("household", id);
    await refused(taxClerk, await attestCall("income_tax", id, "eligible", taxClerk), "WORKFLOW_WRONG_ROLE", id);
    await refused(attesters.household!, await attestCall("household", id), "WORKFLOW_STEP_ALREADY_ATTESTED", id);
    // Signed by one tax officer, sent by another: the chain records the sender as attester, so the keys must match.
    await refused(secondTaxOfficer, await attestCall("income_tax", id), "WORKFLOW_SIGNER_UNTRUSTED", id);
    const forFund = await attestCall("provident_fund", id);
    await refused(attesters.provident_fund!, { ...forFund, payload: { ...forFund.payload, credential: JSON.stringify({ not: "a credential" }) } } as TxCall, "WORKFLOW_PROOF_INVALID", id);
    await refused(attesters.provident_fund!, { ...forFund, payload: { ...forFund.payload, credential: "not json" } } as TxCall, "WORKFLOW_CREDENTIAL_INVALID", id);
    const other = await startApplication();
    const forOther = await attestCall("enforcement", other);
    await refused(attesters.enforcement!, { ...forOther, payload: { ...forOther.payload, application: id } } as TxCall, "WORKFLOW_ATTESTATION_MISMATCH", id);
    await refused(attesters.household!, { module: "workflows", type: "attest", payload: { application: id, step: "no_such_step", credential: "{}" } }, "WORKFLOW_STEP_NOT_FOUND", id);
    await refused(attesters.household!, { module: "workflows", type: "attest", payload: { application: "no-such-application", step: "household", credential: "{}" } }, "WORKFLOW_APPLICATION_NOT_FOUND");

    // A decision before the rule is met, and one by another department than the template's decider.
    const attestations = [(await client.workflows.getWorkflowCredential({ application: id, step: "household" })).credential];
    const early = createCredentialProof(
      suite,
      workflowDecisionCredential({ chainId: "kexin-workflows-test", organisation: "housing_registry", application: id, subject: (await progress(id)).application.subject, template, templateHash: (await progress(id)).application.templateHash, attestations }),
      deciderKey,
      { verificationMethod: didKeyVerificationMethod(suite, decider.publicKey) },
    );
    await refused(decider, { module: "workflows", type: "decide", payload: { application: id, credential: JSON.stringify(early) } }, "WORKFLOW_RULE_NOT_MET", id);
    await refused(admins.tax!, { module: "workflows", type: "decide", payload: { application: id, credential: JSON.stringify(early) } }, "WORKFLOW_WRONG_ORGANISATION", id);
  });

  test("error: a step that reads datasets is refused without an audited read of the applicant's data by its department", async () => {
    const id = await startApplication();
    const other = await startApplication();
    await attestWithRead("household", id);
    const taxRefused = async (evidence: readonly string[], code: string): Promise<void> => refused(attesters.income_tax!, await attestCall("income_tax", id, "eligible", attesters.income_tax, evidence), code, id);
    await taxRefused([], "WORKFLOW_EVIDENCE_MISSING");
    await taxRefused(["tax-archive-7"], "WORKFLOW_EVIDENCE_INVALID");
    // Another department's access, even of this applicant's records.
    await taxRefused([await readForStep("property", id)], "WORKFLOW_EVIDENCE_INVALID");
    // Tax's own access, but of another applicant's record.
    await taxRefused([await readForStep("income_tax", other)], "WORKFLOW_EVIDENCE_INVALID");
    // Tax's own access of this applicant's record, in a dataset the step does not read.
    await commit(admins.tax!, datashare.registerDataset({ id: "tax.vat", title: { zh: "增值税", en: "VAT" }, recordSchema: JSON.stringify({ type: "object" }), classification: "important", price: 0 }));
    const vat = await readForStep("income_tax", id, { dataset: "tax.vat" });
    await taxRefused([vat], "WORKFLOW_EVIDENCE_INVALID");
    // One good read does not carry a bad one.
    const good = await readForStep("income_tax", id);
    await taxRefused([good, vat], "WORKFLOW_EVIDENCE_INVALID");
    await commit(attesters.income_tax!, await attestCall("income_tax", id, "eligible", attesters.income_tax, [good]));
    assert.deepEqual((await progress(id)).steps.find((step) => step.id === "income_tax")?.attestation?.evidence, [good]);
  });

  test("error: applications and templates refused with their codes", async () => {
    const id = await startApplication();
    await refused(counterClerk, workflows.apply({ id, template: template.id, subject: "cd".repeat(32) }), "WORKFLOW_APPLICATION_EXISTS");
    await refused(counterClerk, workflows.apply({ id: "app-unknown-template", template: "no.such-template", subject: "cd".repeat(32) }), "WORKFLOW_TEMPLATE_NOT_FOUND");
    const unsigned = (changes: Partial<WorkflowTemplate>): TxCall => ({ module: "workflows", type: "propose_template", payload: { template: { ...template, id: "housing.variant", ...changes } } as never });
    await refused(admins.tax!, unsigned({ steps: [{ ...template.steps[1]!, after: ["household"] }] }), "WORKFLOW_TEMPLATE_INVALID");
    await refused(admins.tax!, unsigned({ rule: { kind: "threshold", eligibleMin: 8 } }), "WORKFLOW_TEMPLATE_INVALID");
    await refused(admins.tax!, unsigned({ decider: { organisation: "no_such_bureau", role: "officer" } }), "WORKFLOW_ORGANISATION_UNKNOWN");
    await refused(admins.tax!, unsigned({ steps: [{ ...template.steps[0]!, reads: ["no.such-dataset"] }] }), "WORKFLOW_DATASET_NOT_FOUND");
    await refused(admins.tax!, workflows.proposeTemplate({ template }), "WORKFLOW_TEMPLATE_EXISTS");
    await assert.rejects(client.buildAndSend(taxClerk, workflows.proposeTemplate({ template: { ...template, id: "housing.by-clerk" } })), (error: unknown) => error instanceof ApiError && error.code === "WORKFLOW_NOT_ADMIN");
    assert.throws(() => workflows.proposeTemplate({ template: { ...template, steps: [{ ...template.steps[1]!, after: ["household"] }] } }), { code: "WORKFLOW_TEMPLATE_INVALID" });
  });
});
