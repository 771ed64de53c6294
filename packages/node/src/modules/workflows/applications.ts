import { type ApplicationRecord, type CborValue, type TemplateRecord, type WorkflowStep, applyPayloadSchema, workflowError } from "@kexin/core";
import { type ReadContext, type StateRead, type TxContext, defineTxType } from "../../execution/interface.ts";
import { type Account, identityModuleName, readAccount, requireRegistered } from "../identity/index.ts";
import { addStepToInbox } from "./inbox.ts";
import { workflowsKeys } from "./keys.ts";
import { appendToList, workflowsLists } from "./lists.ts";
import { applicationStatusAt, readySteps, stepDeadline } from "./progress.ts";
import { requireTemplate } from "./templates.ts";

export function readApplication(state: StateRead, id: string): ApplicationRecord | undefined {
  return state.get(workflowsKeys.application(id)) as unknown as ApplicationRecord | undefined;
}

export function writeApplication(context: TxContext, application: ApplicationRecord): void {
  context.state.set(workflowsKeys.application(application.id), application as unknown as CborValue);
}

/** An application that may still change at this block: it exists, is open, and has not expired by the block's time. */
export function requireOpenApplication(context: ReadContext, id: string): { application: ApplicationRecord; template: TemplateRecord } {
  const application = readApplication(context.state, id);
  if (application === undefined) throw workflowError("WORKFLOW_APPLICATION_NOT_FOUND", `no workflow application "${id}"`, { application: id });
  const template = requireTemplate(context.state, application.template);
  if (application.status === "expired") throw workflowError("WORKFLOW_APPLICATION_EXPIRED", `application "${id}" expired`, { application: id });
  if (application.status !== "open") throw workflowError("WORKFLOW_APPLICATION_CLOSED", `application "${id}" is closed: ${application.status}`, { application: id, status: application.status });
  return { application, template };
}

/** Whether the block time is past the application's expiry; the step's own deadline is judged first by the caller. */
export function requireNotExpired(context: ReadContext, template: TemplateRecord, application: ApplicationRecord): void {
  if (applicationStatusAt(template.template, application, context.block.time) === "expired") {
    throw workflowError("WORKFLOW_APPLICATION_EXPIRED", `application "${application.id}" expired: the deadline of ${missedSteps(template, application, context.block.time).join(", ")} passed`, { application: application.id });
  }
}

/** The signer acts for `organisation` in `role`: an active account of it holding the role, or one of its admins. */
export function requireOrganisationRole(context: ReadContext, organisation: string, role: string, what: string): Account {
  const account = readAccount(context.readModule(identityModuleName), context.caller.address);
  if (account === undefined || !account.active || account.org !== organisation) {
    throw workflowError("WORKFLOW_WRONG_ORGANISATION", `${what} is for "${organisation}"; ${context.caller.address} is ${account === undefined ? "no account" : `of "${account.org}"`}`, { organisation });
  }
  if (account.kind !== "admin" && !account.roles.includes(role)) throw workflowError("WORKFLOW_WRONG_ROLE", `${what} needs the role "${role}" of "${organisation}"`, { organisation, role });
  return account;
}

export function addReadyStepsToInbox(context: TxContext, template: TemplateRecord, application: ApplicationRecord, ready: readonly WorkflowStep[]): void {
  for (const step of ready) addStepToInbox(context.state, template, application, step, context.block.height);
}

/** The steps of an application whose deadline passed unattested by block time `time`. */
export function missedSteps(template: TemplateRecord, application: ApplicationRecord, time: number): string[] {
  return template.template.steps.filter((step) => !application.attestations.some((attestation) => attestation.step === step.id) && time > stepDeadline(application, step)).map((step) => step.id);
}

export const apply = defineTxType({
  description: "An applicant, or a clerk acting for them, starts an application of an active workflow template about the applicant's subject reference.",
  schema: applyPayloadSchema,
  costUnits: 20,
  authorise: (context) => {
    requireRegistered(context);
  },
  execute: (context, payload) => {
    requireRegistered(context);
    const template = requireTemplate(context.state, payload.template);
    if (template.status !== "active") throw workflowError("WORKFLOW_TEMPLATE_NOT_ACTIVE", `workflow template "${payload.template}" is not approved yet`, { template: payload.template });
    if (readApplication(context.state, payload.id) !== undefined) throw workflowError("WORKFLOW_APPLICATION_EXISTS", `workflow application "${payload.id}" exists`, { application: payload.id });
    const application: ApplicationRecord = {
      id: payload.id,
      template: payload.template,
      templateHash: template.hash,
      subject: payload.subject,
      applicant: payload.applicant ?? context.caller.address,
      filedBy: context.caller.address,
      startedAt: context.block.height,
      startedTime: context.block.time,
      status: "open",
      attestations: [],
    };
    writeApplication(context, application);
    addReadyStepsToInbox(context, template, application, readySteps(template.template, application));
    appendToList(context, workflowsLists.applicantApplications(application.applicant), [application.id, application.template, application.startedAt]);
    appendToList(context, workflowsLists.subjectApplications(application.subject), [application.id, application.template, application.startedAt]);
    context.emit("applied", { application: application.id, template: application.template, applicant: application.applicant, filedBy: application.filedBy });
  },
});
