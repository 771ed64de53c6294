import { toHex } from "../bytes.ts";
import type { CryptoSuite } from "../crypto/index.ts";
import { canonicalJsonBytes } from "../datashare/credentials/jcs.ts";
import type { WorkflowOutcome, WorkflowTemplate } from "./schemas.ts";

/** What a template must satisfy beyond its schema: unique step ids, dependencies on earlier steps only (so there is no cycle), a reachable rule. */
export function workflowTemplateProblem(template: WorkflowTemplate): string | undefined {
  const seen = new Set<string>();
  for (const step of template.steps) {
    if (seen.has(step.id)) return `step "${step.id}" is declared twice`;
    for (const before of step.after) {
      if (!seen.has(before)) return `step "${step.id}" comes after "${before}", which is not declared before it`;
    }
    seen.add(step.id);
  }
  if (template.rule.kind === "threshold" && template.rule.eligibleMin > template.steps.length) {
    return `the rule needs ${template.rule.eligibleMin} eligible steps of ${template.steps.length}`;
  }
  return undefined;
}

/** The suite's hash of the template's JCS form (RFC 8785), hex: credentials name the template by it. */
export function workflowTemplateHash(suite: CryptoSuite, template: WorkflowTemplate): string {
  return toHex(suite.hash(canonicalJsonBytes(template, "the workflow template")));
}

/** Whether the outcomes recorded so far (by step id) meet the template's rule. */
export function workflowRuleMet(template: WorkflowTemplate, outcomes: ReadonlyMap<string, WorkflowOutcome>): boolean {
  const eligible = template.steps.filter((step) => outcomes.get(step.id) === "eligible").length;
  return template.rule.kind === "all" ? eligible === template.steps.length : eligible >= template.rule.eligibleMin;
}

/** Whether the rule can no longer be met whatever the steps still open attest: the application is then refused. */
export function workflowRuleUnreachable(template: WorkflowTemplate, outcomes: ReadonlyMap<string, WorkflowOutcome>): boolean {
  const notEligible = template.steps.filter((step) => outcomes.get(step.id) === "not_eligible").length;
  const needed = template.rule.kind === "all" ? template.steps.length : template.rule.eligibleMin;
  return template.steps.length - notEligible < needed;
}

/** Whether every step `stepId` comes after has an attestation. */
export function workflowStepReady(template: WorkflowTemplate, stepId: string, attested: ReadonlySet<string>): boolean {
  const step = template.steps.find((candidate) => candidate.id === stepId);
  return step !== undefined && step.after.every((before) => attested.has(before));
}
