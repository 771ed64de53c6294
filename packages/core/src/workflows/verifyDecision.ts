import type { CryptoSuite } from "../crypto/index.ts";
import type { CredentialDocument } from "../datashare/credentials/proof.ts";
import { wireProblem } from "../wireCheck.ts";
import { type WorkflowCredentialFailure, readSignedWorkflowCredential, readWorkflowAttestation, workflowDecisionType, workflowFailure } from "./credentials.ts";
import { type WorkflowOutcome, type WorkflowTemplate, workflowTemplateSchema } from "./schemas.ts";
import { workflowRuleMet, workflowTemplateHash, workflowTemplateProblem } from "./templates.ts";

/** A department the verifier trusts, and the Multikeys its members sign workflow credentials with. */
export interface TrustedWorkflowSigner {
  readonly organisation: string;
  readonly publicKeys: readonly string[];
}

export interface VerifyWorkflowDecisionParameters {
  readonly decision: CredentialDocument;
  readonly trustedSigners: readonly TrustedWorkflowSigner[];
  /** The hash of the template the verifier expects (for example the chain's approved one); omitted, the template the decision carries is judged on its own. */
  readonly templateHash?: string;
}

export interface VerifiedWorkflowAttestation {
  readonly step: string;
  readonly organisation: string;
  readonly outcome: WorkflowOutcome;
  readonly reason: string;
  readonly evidence: readonly string[];
  readonly signer: string;
}

export type WorkflowDecisionVerification =
  | {
      readonly verified: true;
      readonly chainId: string;
      readonly application: string;
      readonly subject: string;
      readonly organisation: string;
      readonly signer: string;
      readonly template: WorkflowTemplate;
      readonly templateHash: string;
      readonly attestations: readonly VerifiedWorkflowAttestation[];
    }
  | WorkflowCredentialFailure;

function trusted(signers: readonly TrustedWorkflowSigner[], organisation: string, signer: string): boolean {
  return signers.some((entry) => entry.organisation === organisation && entry.publicKeys.includes(signer));
}

/**
 * Verifies a decision credential offline as a whole: its own proof and its signer among the
 * deciding department's trusted keys; the template it carries against its hash (and the hash the
 * caller expects); each attestation's proof, its step in the template, its department the one the
 * template names and its signer among that department's trusted keys; that no step is attested
 * twice, none before the steps it comes after, and that the template's rule is met. An
 * attestation changed breaks its proof; one removed or added breaks the decision's proof, and
 * the rule names what is missing when the decision was signed without it.
 */
export function verifyWorkflowDecision(suite: CryptoSuite, parameters: VerifyWorkflowDecisionParameters): WorkflowDecisionVerification {
  const signed = readSignedWorkflowCredential(suite, parameters.decision, workflowDecisionType, "the decision");
  if (!signed.verified) return signed;
  const { application, decision, template: carried, templateHash, attestations } = signed.subjectFields;
  if (typeof application !== "string" || decision !== "approved" || typeof templateHash !== "string" || !Array.isArray(attestations)) {
    return workflowFailure("format", "WORKFLOW_CREDENTIAL_INVALID", "the decision names no application, approved decision, templateHash or attestations");
  }
  const problem = wireProblem(workflowTemplateSchema, carried);
  if (problem !== undefined) return workflowFailure("template", "WORKFLOW_TEMPLATE_MISMATCH", `the template the decision carries is not a workflow template: ${problem}`);
  const template = carried as unknown as WorkflowTemplate;
  const structural = workflowTemplateProblem(template);
  if (structural !== undefined) return workflowFailure("template", "WORKFLOW_TEMPLATE_MISMATCH", `the template the decision carries is invalid: ${structural}`);
  const computed = workflowTemplateHash(suite, template);
  if (computed !== templateHash) return workflowFailure("template", "WORKFLOW_TEMPLATE_MISMATCH", "the decision's templateHash is not the hash of the template it carries");
  if (parameters.templateHash !== undefined && parameters.templateHash !== computed) return workflowFailure("template", "WORKFLOW_TEMPLATE_MISMATCH", `the decision was made under template ${computed}, not ${parameters.templateHash}`);
  if (signed.organisation !== template.decider.organisation) {
    return workflowFailure("issuer", "WORKFLOW_WRONG_ORGANISATION", `the decision is issued by "${signed.organisation}"; the template names "${template.decider.organisation}"`);
  }
  if (!trusted(parameters.trustedSigners, signed.organisation, signed.signer)) return workflowFailure("issuer", "WORKFLOW_SIGNER_UNTRUSTED", `no trusted key of "${signed.organisation}" is ${signed.signer}`);
  const outcomes = new Map<string, WorkflowOutcome>();
  const verified: VerifiedWorkflowAttestation[] = [];
  for (const [position, attestation] of attestations.entries()) {
    const what = `attestation ${position}`;
    if (typeof attestation !== "object" || attestation === null || Array.isArray(attestation)) return workflowFailure("attestation", "WORKFLOW_CREDENTIAL_INVALID", `${what} is not a credential`);
    const read = readWorkflowAttestation(suite, attestation as CredentialDocument);
    if (!read.verified) return { ...read, check: read.check === "format" || read.check === "signature" ? "attestation" : read.check, message: `${what}: ${read.message}` };
    const { claims } = read;
    if (read.chainId !== signed.chainId || read.subject !== signed.subject || claims.application !== application || claims.template !== template.id || claims.templateHash !== computed) {
      return workflowFailure("attestation", "WORKFLOW_ATTESTATION_MISMATCH", `${what} is about another chain, subject, application or template than the decision`);
    }
    const step = template.steps.find((candidate) => candidate.id === claims.step);
    if (step === undefined) return workflowFailure("attestation", "WORKFLOW_ATTESTATION_MISMATCH", `${what} attests step "${claims.step}", which the template does not have`);
    if (outcomes.has(step.id)) return workflowFailure("attestation", "WORKFLOW_ATTESTATION_MISMATCH", `step "${step.id}" is attested twice`);
    if (read.organisation !== step.organisation) return workflowFailure("attestation", "WORKFLOW_WRONG_ORGANISATION", `step "${step.id}" is attested by "${read.organisation}"; the template names "${step.organisation}"`);
    if (!trusted(parameters.trustedSigners, read.organisation, read.signer)) return workflowFailure("attestation", "WORKFLOW_SIGNER_UNTRUSTED", `no trusted key of "${read.organisation}" is ${read.signer} (step "${step.id}")`);
    outcomes.set(step.id, claims.outcome);
    verified.push({ step: step.id, organisation: read.organisation, outcome: claims.outcome, reason: claims.reason, evidence: claims.evidence, signer: read.signer });
  }
  for (const step of template.steps) {
    if (outcomes.has(step.id) && !step.after.every((before) => outcomes.has(before))) return workflowFailure("rule", "WORKFLOW_RULE_NOT_MET", `step "${step.id}" is attested without the steps it comes after`);
  }
  if (!workflowRuleMet(template, outcomes)) {
    const missing = template.steps.filter((step) => outcomes.get(step.id) !== "eligible").map((step) => step.id);
    return workflowFailure("rule", "WORKFLOW_RULE_NOT_MET", `the rule "${template.rule.kind}" is not met: no eligible attestation of ${missing.join(", ")}`);
  }
  return { verified: true, chainId: signed.chainId, application, subject: signed.subject, organisation: signed.organisation, signer: signed.signer, template, templateHash: computed, attestations: verified };
}
