import type { ApplicationAnswer, ApplicationRecord, ApplicationStatus, StepProgress, WorkflowOutcome, WorkflowStep, WorkflowTemplate } from "@kexin/core";
import { workflowRuleMet, workflowRuleUnreachable, workflowStepReady } from "@kexin/core";

export function outcomesOf(application: ApplicationRecord): Map<string, WorkflowOutcome> {
  return new Map(application.attestations.map((attestation) => [attestation.step, attestation.outcome]));
}

export function attestedSteps(application: ApplicationRecord): Set<string> {
  return new Set(application.attestations.map((attestation) => attestation.step));
}

/** The block time after which a step can no longer be attested. */
export function stepDeadline(application: ApplicationRecord, step: WorkflowStep): number {
  return application.startedTime + step.deadlineMs;
}

/**
 * An open application has expired at block time `time` when the rule is not met and can no longer
 * be met, counting each step whose deadline passed without an attestation as not eligible.
 * Nothing stores this: it follows from the block time, so a later transaction and a query at a
 * later height see it alike.
 */
export function applicationStatusAt(template: WorkflowTemplate, application: ApplicationRecord, time: number): ApplicationStatus {
  if (application.status !== "open") return application.status;
  const outcomes = outcomesOf(application);
  if (workflowRuleMet(template, outcomes)) return "open";
  const judged = new Map(outcomes);
  for (const step of template.steps) if (!judged.has(step.id) && time > stepDeadline(application, step)) judged.set(step.id, "not_eligible");
  return workflowRuleUnreachable(template, judged) ? "expired" : "open";
}

/** Steps whose department may attest now (every step before them attested), not yet attested: those in the inbox while the application is open. */
export function readySteps(template: WorkflowTemplate, application: ApplicationRecord): WorkflowStep[] {
  const attested = attestedSteps(application);
  return template.steps.filter((step) => !attested.has(step.id) && workflowStepReady(template, step.id, attested));
}

export function applicationProgress(template: WorkflowTemplate, application: ApplicationRecord, asOf: { readonly height: number; readonly time: number }): ApplicationAnswer {
  const status = applicationStatusAt(template, application, asOf.time);
  const attested = attestedSteps(application);
  const steps = template.steps.map((step): StepProgress => {
    const deadline = stepDeadline(application, step);
    const attestation = application.attestations.find((candidate) => candidate.step === step.id);
    const base = { id: step.id, title: step.title, organisation: step.organisation, role: step.role, deadline };
    if (attestation !== undefined) return { ...base, state: "attested", attestation };
    if (status !== "open") return { ...base, state: status === "expired" && asOf.time > deadline ? "missed" : "closed" };
    if (asOf.time > deadline) return { ...base, state: "missed" };
    return { ...base, state: workflowStepReady(template, step.id, attested) ? "awaiting" : "waiting" };
  });
  return {
    application,
    status,
    asOf: { height: asOf.height, time: asOf.time },
    steps,
    missing: steps.filter((step) => step.state !== "attested").map((step) => step.id),
    decidable: status === "open" && workflowRuleMet(template, outcomesOf(application)),
  };
}
