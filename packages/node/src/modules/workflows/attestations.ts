import { type ApplicationRecord, type AttestationRecord, type CryptoSuite, attestPayloadSchema, bytesEqual, credentialHash, parseWorkflowCredential, readWorkflowAttestation, workflowError, workflowRuleMet, workflowRuleUnreachable, workflowStepReady } from "@kexin/core";
import { type TxContext, defineTxType } from "../../execution/interface.ts";
import { requireRegistered } from "../identity/index.ts";
import { addReadyStepsToInbox, requireNotExpired, requireOpenApplication, requireOrganisationRole, writeApplication } from "./applications.ts";
import { checkStepEvidence } from "./evidence.ts";
import { addDecisionToInbox, removeStepFromInbox } from "./inbox.ts";
import { workflowsKeys } from "./keys.ts";
import { attestedSteps, outcomesOf, readySteps, stepDeadline } from "./progress.ts";

/** The credential sent with `attest`, checked against everything the chain knows: signer, department, subject, application, step and template. */
function readAttestationCredential(suite: CryptoSuite, chainId: string, context: TxContext, application: ApplicationRecord, step: { id: string; organisation: string }, text: string) {
  const credential = parseWorkflowCredential(text);
  if (credential === undefined) throw workflowError("WORKFLOW_CREDENTIAL_INVALID", "the attestation credential is not a JSON object");
  const read = readWorkflowAttestation(suite, credential);
  if (!read.verified) throw workflowError(read.code, read.message, { check: read.check });
  if (!bytesEqual(read.publicKey, context.caller.publicKey)) throw workflowError("WORKFLOW_SIGNER_UNTRUSTED", "the attestation credential is signed by another key than the sender's");
  if (read.organisation !== step.organisation) throw workflowError("WORKFLOW_WRONG_ORGANISATION", `the credential is issued for "${read.organisation}"; step "${step.id}" is "${step.organisation}"'s`, { organisation: step.organisation });
  const { claims } = read;
  if (read.chainId !== chainId || read.subject !== application.subject || claims.application !== application.id || claims.step !== step.id || claims.template !== application.template || claims.templateHash !== application.templateHash) {
    throw workflowError("WORKFLOW_ATTESTATION_MISMATCH", `the credential is not about step "${step.id}" of application "${application.id}" on this chain, its subject and template`, { application: application.id, step: step.id });
  }
  return { credential, read };
}

export function createAttest(suite: CryptoSuite, chainId: string) {
  return defineTxType({
    description: "A member of the organisation a step names, holding its role, attests the step with a signed credential about the applicant: eligible or not, with a reason.",
    schema: attestPayloadSchema,
    costUnits: 30,
    authorise: (context) => {
      requireRegistered(context);
    },
    execute: (context, payload) => {
      const { application, template } = requireOpenApplication(context, payload.application);
      const step = template.template.steps.find((candidate) => candidate.id === payload.step);
      if (step === undefined) throw workflowError("WORKFLOW_STEP_NOT_FOUND", `template "${template.template.id}" has no step "${payload.step}"`, { step: payload.step });
      requireOrganisationRole(context, step.organisation, step.role, `step "${step.id}"`);
      const attested = attestedSteps(application);
      if (attested.has(step.id)) throw workflowError("WORKFLOW_STEP_ALREADY_ATTESTED", `step "${step.id}" of "${application.id}" is attested already`, { application: application.id, step: step.id });
      const deadline = stepDeadline(application, step);
      if (context.block.time > deadline) throw workflowError("WORKFLOW_STEP_DEADLINE_PASSED", `step "${step.id}" had to be attested by block time ${deadline}; this block's is ${context.block.time}`, { application: application.id, step: step.id, deadline });
      requireNotExpired(context, template, application);
      if (!workflowStepReady(template.template, step.id, attested)) {
        const waiting = step.after.filter((before) => !attested.has(before));
        throw workflowError("WORKFLOW_STEP_NOT_READY", `step "${step.id}" comes after ${waiting.join(", ")}, not attested yet`, { application: application.id, step: step.id });
      }
      context.charge(Math.ceil(payload.credential.length / 64));
      const { credential, read } = readAttestationCredential(suite, chainId, context, application, step, payload.credential);
      const { claims } = read;
      checkStepEvidence(context, step, application.subject, claims.evidence);
      const record: AttestationRecord = {
        step: step.id,
        attester: context.caller.address,
        signer: read.signer,
        organisation: step.organisation,
        outcome: claims.outcome,
        reason: claims.reason,
        evidence: [...claims.evidence],
        hash: credentialHash(suite, credential),
        height: context.block.height,
        time: context.block.time,
        tx: context.tx.hash,
      };
      const readyBefore = readySteps(template.template, application);
      const next: ApplicationRecord = { ...application, attestations: [...application.attestations, record] };
      context.state.set(workflowsKeys.credential(application.id, step.id), payload.credential);
      context.emit("attested", { application: application.id, step: step.id, organisation: step.organisation, outcome: claims.outcome, hash: record.hash });
      const outcomes = outcomesOf(next);
      if (workflowRuleUnreachable(template.template, outcomes)) {
        for (const ready of readyBefore) removeStepFromInbox(context.state, application, ready);
        writeApplication(context, { ...next, status: "refused", refusal: { step: step.id, organisation: step.organisation, reason: claims.reason, height: context.block.height } });
        context.emit("refused", { application: application.id, step: step.id, organisation: step.organisation, reason: claims.reason });
        return;
      }
      removeStepFromInbox(context.state, application, step);
      const readyNames = new Set(readyBefore.map((ready) => ready.id));
      addReadyStepsToInbox(context, template, next, readySteps(template.template, next).filter((ready) => !readyNames.has(ready.id)));
      if (workflowRuleMet(template.template, outcomes) && !workflowRuleMet(template.template, outcomesOf(application))) addDecisionToInbox(context.state, template, next, context.block.height);
      writeApplication(context, next);
    },
  });
}
