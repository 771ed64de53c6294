import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  type CredentialDocument,
  type CryptoSuite,
  type WorkflowOutcome,
  type WorkflowTemplate,
  createCredentialProof,
  didKeyVerificationMethod,
  getSuite,
  parseWorkflowCredential,
  publicKeyMultibase,
  verifyWorkflowDecision,
  workflowAttestationCredential,
  workflowDecisionCredential,
  workflowRuleMet,
  workflowRuleUnreachable,
  workflowTemplateHash,
  workflowTemplateProblem,
} from "../../src/index.ts";

const step = (id: string, organisation: string, after: string[] = []) => ({ id, title: { zh: id, en: id }, organisation, role: "officer", reads: [], deadlineMs: 86_400_000, after });
const template: WorkflowTemplate = {
  id: "two.of-three",
  title: { zh: "三取二", en: "Two of three" },
  steps: [step("first", "police"), step("second", "tax", ["first"]), step("third", "courts")],
  rule: { kind: "threshold", eligibleMin: 2 },
  decider: { organisation: "housing", role: "officer" },
};
const subject = "7e".repeat(32);

function signed(suite: CryptoSuite, privateKey: Uint8Array, document: CredentialDocument): CredentialDocument {
  return createCredentialProof(suite, document, privateKey, { verificationMethod: didKeyVerificationMethod(suite, suite.publicKeyOf(privateKey)) });
}

/** A decision of `template` over the given steps' attestations, each signed by its department's key. */
function decisionOf(suite: CryptoSuite, outcomes: Readonly<Record<string, WorkflowOutcome>>) {
  const keys = Object.fromEntries(["police", "tax", "courts", "housing"].map((organisation) => [organisation, suite.generatePrivateKey()])) as Record<string, Uint8Array>;
  const templateHash = workflowTemplateHash(suite, template);
  const attestations = Object.entries(outcomes).map(([stepId, outcome]) => {
    const organisation = template.steps.find((candidate) => candidate.id === stepId)!.organisation;
    const claims = { application: "app-1", template: template.id, templateHash, step: stepId, outcome, reason: "", evidence: [] };
    return signed(suite, keys[organisation]!, workflowAttestationCredential({ chainId: "test", organisation, subject, ...claims }));
  });
  const decision = signed(suite, keys.housing!, workflowDecisionCredential({ chainId: "test", organisation: "housing", application: "app-1", subject, template, templateHash, attestations }));
  const trustedSigners = Object.entries(keys).map(([organisation, key]) => ({ organisation, publicKeys: [publicKeyMultibase(suite, suite.publicKeyOf(key))] }));
  return { decision, trustedSigners, templateHash };
}

describe("workflows: templates and the offline decision check", () => {
  test("default: a template's problems, its hash independent of key order, and the rules", () => {
    assert.equal(workflowTemplateProblem(template), undefined);
    assert.match(workflowTemplateProblem({ ...template, steps: [step("second", "tax", ["first"]), step("first", "police")] }) ?? "", /not declared before it/);
    assert.match(workflowTemplateProblem({ ...template, steps: [step("first", "police"), step("first", "tax")] }) ?? "", /declared twice/);
    const suite = getSuite("intl");
    const reordered = JSON.parse(JSON.stringify({ rule: template.rule, decider: template.decider, steps: template.steps, title: template.title, id: template.id })) as WorkflowTemplate;
    assert.equal(workflowTemplateHash(suite, reordered), workflowTemplateHash(suite, template));
    const outcomes = (entries: Record<string, WorkflowOutcome>) => new Map(Object.entries(entries));
    assert.ok(workflowRuleMet(template, outcomes({ first: "eligible", third: "eligible" })));
    assert.ok(!workflowRuleMet(template, outcomes({ first: "eligible", second: "not_eligible" })));
    assert.ok(!workflowRuleUnreachable(template, outcomes({ first: "not_eligible" })), "two of three can still be met after one refusal");
    assert.ok(workflowRuleUnreachable(template, outcomes({ first: "not_eligible", third: "not_eligible" })));
    assert.ok(workflowRuleUnreachable({ ...template, rule: { kind: "all" } }, outcomes({ third: "not_eligible" })));
  });

  test("error: credential text nested deeper than the bound is refused before it is parsed; brackets in strings do not count", () => {
    const nested = (levels: number) => `{"a":${"[".repeat(levels)}${"]".repeat(levels)}}`;
    assert.ok(parseWorkflowCredential(nested(31)) !== undefined);
    assert.equal(parseWorkflowCredential(nested(32)), undefined);
    assert.deepEqual(parseWorkflowCredential(JSON.stringify({ reason: "[".repeat(100), quoted: 'a \\" [' })), { reason: "[".repeat(100), quoted: 'a \\" [' });
    assert.equal(parseWorkflowCredential("[1]"), undefined, "a credential is an object");
  });

  for (const suiteId of ["intl", "gm"] as const) {
    test(`behavior (${suiteId}): a decision verifies as a whole, and fails when an attestation is removed, changed or signed by another department`, () => {
      const suite = getSuite(suiteId);
      const { decision, trustedSigners, templateHash } = decisionOf(suite, { first: "eligible", second: "eligible", third: "not_eligible" });
      const verified = verifyWorkflowDecision(suite, { decision, trustedSigners, templateHash });
      assert.ok(verified.verified, JSON.stringify(verified));
      assert.deepEqual(verified.attestations.map((attestation) => [attestation.step, attestation.outcome]), [["first", "eligible"], ["second", "eligible"], ["third", "not_eligible"]]);

      const body = decision.credentialSubject as { attestations: CredentialDocument[] };
      const removed = verifyWorkflowDecision(suite, { decision: { ...decision, credentialSubject: { ...body, attestations: body.attestations.slice(0, 2) } }, trustedSigners });
      assert.ok(!removed.verified && removed.code === "WORKFLOW_PROOF_INVALID");
      const untrusted = verifyWorkflowDecision(suite, { decision, trustedSigners: trustedSigners.filter((signer) => signer.organisation !== "tax") });
      assert.ok(!untrusted.verified && untrusted.code === "WORKFLOW_SIGNER_UNTRUSTED" && untrusted.check === "attestation");
      const wrongDecider = verifyWorkflowDecision(suite, { decision: { ...decision, issuer: "urn:kexin:test:organisation:tax" }, trustedSigners });
      assert.ok(!wrongDecider.verified && wrongDecider.code === "WORKFLOW_PROOF_INVALID", "the issuer is covered by the decision's proof");
    });
  }

  test("error: a decision whose attestations do not meet the rule, or attest a step before the one it comes after", () => {
    const suite = getSuite("intl");
    const short = decisionOf(suite, { first: "eligible", third: "not_eligible" });
    const notMet = verifyWorkflowDecision(suite, short);
    assert.ok(!notMet.verified && notMet.code === "WORKFLOW_RULE_NOT_MET", JSON.stringify(notMet));
    const outOfOrder = decisionOf(suite, { second: "eligible", third: "eligible" });
    const order = verifyWorkflowDecision(suite, outOfOrder);
    assert.ok(!order.verified && order.code === "WORKFLOW_RULE_NOT_MET" && /comes after|without the steps/.test(order.message), JSON.stringify(order));
  });
});
