import { type CredentialDocument, type CryptoSuite, type TrustedWorkflowSigner, credentialHash, decidePayloadSchema, parseWorkflowCredential, publicKeyMultibase, verifyWorkflowDecision, workflowError, workflowRuleMet } from "@kexin/core";
import { defineTxType } from "../../execution/interface.ts";
import { requireRegistered } from "../identity/index.ts";
import { requireNotExpired, requireOpenApplication, requireOrganisationRole, writeApplication } from "./applications.ts";
import { removeDecisionFromInbox, removeStepFromInbox } from "./inbox.ts";
import { workflowsKeys } from "./keys.ts";
import { outcomesOf, readySteps } from "./progress.ts";

export function createDecide(suite: CryptoSuite, chainId: string) {
  return defineTxType({
    description: "A member of the deciding organisation, holding the decider's role, issues the decision credential once the rule is met; it carries every attestation credential.",
    schema: decidePayloadSchema,
    costUnits: 50,
    authorise: (context) => {
      requireRegistered(context);
    },
    execute: (context, payload) => {
      const { application, template } = requireOpenApplication(context, payload.application);
      const { decider } = template.template;
      requireOrganisationRole(context, decider.organisation, decider.role, "the decision");
      requireNotExpired(context, template, application);
      if (!workflowRuleMet(template.template, outcomesOf(application))) throw workflowError("WORKFLOW_RULE_NOT_MET", `application "${application.id}" does not meet its rule yet`, { application: application.id });
      context.charge(Math.ceil(payload.credential.length / 64));
      const decision = parseWorkflowCredential(payload.credential);
      if (decision === undefined) throw workflowError("WORKFLOW_CREDENTIAL_INVALID", "the decision credential is not a JSON object");
      // The chain trusts exactly the keys it recorded: each attester's, and the sender's for the decision.
      const trustedSigners: TrustedWorkflowSigner[] = [
        ...application.attestations.map((attestation) => ({ organisation: attestation.organisation, publicKeys: [attestation.signer] })),
        { organisation: decider.organisation, publicKeys: [publicKeyMultibase(suite, context.caller.publicKey)] },
      ];
      const verified = verifyWorkflowDecision(suite, { decision, trustedSigners, templateHash: application.templateHash });
      if (!verified.verified) throw workflowError(verified.code, verified.message, { check: verified.check });
      if (verified.chainId !== chainId || verified.application !== application.id || verified.subject !== application.subject) {
        throw workflowError("WORKFLOW_ATTESTATION_MISMATCH", `the decision is not about application "${application.id}" on this chain and its subject`, { application: application.id });
      }
      const carried = (decision.credentialSubject as { attestations: CredentialDocument[] }).attestations.map((attestation) => credentialHash(suite, attestation)).sort();
      const recorded = application.attestations.map((attestation) => attestation.hash).sort();
      if (carried.length !== recorded.length || carried.some((hash, position) => hash !== recorded[position])) {
        throw workflowError("WORKFLOW_ATTESTATION_MISMATCH", `the decision must carry exactly the ${recorded.length} attestation credentials recorded for "${application.id}", unchanged`, { application: application.id });
      }
      const hash = credentialHash(suite, decision);
      for (const step of readySteps(template.template, application)) removeStepFromInbox(context.state, application, step);
      removeDecisionFromInbox(context.state, template, application);
      context.state.set(workflowsKeys.credential(application.id, null), payload.credential);
      writeApplication(context, {
        ...application,
        status: "approved",
        decision: { hash, decider: context.caller.address, organisation: decider.organisation, height: context.block.height, time: context.block.time, tx: context.tx.hash },
      });
      context.emit("decided", { application: application.id, organisation: decider.organisation, hash });
    },
  });
}
