import { type CredentialDocument, type TrustedWorkflowSigner, type WorkflowDecisionVerification, getSuite, verifyWorkflowDecision as verifyOffline } from "@kexin/core";

export type VerifyWorkflowDecisionParameters = {
  readonly decision: CredentialDocument;
  /** The departments the verifier trusts and the Multikeys their members sign with: nothing the decision or a node says replaces this list. */
  readonly trustedSigners: readonly TrustedWorkflowSigner[];
  /** The template hash expected (the chain's approved template); omitted, the template the decision carries is judged on its own. */
  readonly templateHash?: string;
  /** The chain's suite: "intl" (eddsa-jcs-2022) or "gm" (sm2-jcs-2024). */
  readonly suite: "intl" | "gm";
};

/**
 * Verifies a decision credential offline as a whole, without a node: its proof, every
 * attestation's proof and department, the template and its rule. Never throws for a decision
 * that fails: the answer names the check and its code.
 */
export function verifyWorkflowDecision(parameters: VerifyWorkflowDecisionParameters): WorkflowDecisionVerification {
  return verifyOffline(getSuite(parameters.suite), { decision: parameters.decision, trustedSigners: parameters.trustedSigners, ...(parameters.templateHash !== undefined ? { templateHash: parameters.templateHash } : {}) });
}
