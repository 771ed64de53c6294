import type { ApplicationRecord, CborValue, InboxEntry, TemplateRecord, WorkflowStep } from "@kexin/core";
import type { StateWrite } from "../../execution/interface.ts";
import { workflowsKeys } from "./keys.ts";
import { stepDeadline } from "./progress.ts";

/*
 * An organisation's inbox is kept in state, one key per step awaiting its signature (and one per
 * decision), written when the step becomes ready and deleted when it is attested or the
 * application closes; so a page of it is a range read in key order. An application that expired
 * keeps its entries until a transaction touches it again; the inbox query leaves them out.
 */

export function addStepToInbox(state: StateWrite, template: TemplateRecord, application: ApplicationRecord, step: WorkflowStep, height: number): void {
  const entry: InboxEntry = { application: application.id, template: template.template.id, step: step.id, role: step.role, deadline: stepDeadline(application, step), since: height };
  state.set(workflowsKeys.inbox(step.organisation, application.id, step.id), entry as unknown as CborValue);
}

export function removeStepFromInbox(state: StateWrite, application: ApplicationRecord, step: WorkflowStep): void {
  state.delete(workflowsKeys.inbox(step.organisation, application.id, step.id));
}

export function addDecisionToInbox(state: StateWrite, template: TemplateRecord, application: ApplicationRecord, height: number): void {
  const { decider } = template.template;
  const entry: InboxEntry = { application: application.id, template: template.template.id, step: null, role: decider.role, deadline: null, since: height };
  state.set(workflowsKeys.inbox(decider.organisation, application.id, null), entry as unknown as CborValue);
}

export function removeDecisionFromInbox(state: StateWrite, template: TemplateRecord, application: ApplicationRecord): void {
  state.delete(workflowsKeys.inbox(template.template.decider.organisation, application.id, null));
}
