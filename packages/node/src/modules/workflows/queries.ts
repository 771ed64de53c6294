import { type ApplicationRecord, type InboxEntry, type TemplateRecord, workflowApplicationIdSchema, workflowError, workflowInboxDepthMax, workflowListLimitMax, workflowOrganisationSchema, workflowStepIdSchema, workflowTemplateIdSchema } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import { integerParameter } from "../../execution/integerParameter.ts";
import { type CommittedBlocks, type QueryDefinition, type StateRead, defineQuery } from "../../execution/interface.ts";
import { readApplication } from "./applications.ts";
import { workflowsKeys } from "./keys.ts";
import { type StoredApplicationEntry, readListPage, workflowsLists } from "./lists.ts";
import { applicationProgress, applicationStatusAt } from "./progress.ts";
import { readTemplate, requireTemplate } from "./templates.ts";

const limit = Type.Optional(integerParameter({ minimum: 1, maximum: workflowListLimitMax }, `entries in the page (at most ${workflowListLimitMax})`));
const start = Type.Optional(integerParameter({ maximum: Number.MAX_SAFE_INTEGER }, "0-based position of the page's first entry (default 0)"));
const address = Type.String({ pattern: "^[0-9a-f]{40}$" });
const subject = Type.String({ pattern: "^[0-9a-f]{64}$" });

/** The newest block, whose time judges deadlines in every answer. */
function asOfHead(blocks: CommittedBlocks): { height: number; time: number } {
  if (blocks.time === undefined) throw workflowError("WORKFLOW_QUERY_INVALID", "this query judges deadlines by the newest block's time, which was not given");
  return { height: blocks.height, time: blocks.time };
}

function requireApplication(state: StateRead, id: string): ApplicationRecord {
  const application = readApplication(state, id);
  if (application === undefined) throw workflowError("WORKFLOW_APPLICATION_NOT_FOUND", `no workflow application "${id}"`, { application: id });
  return application;
}

function applicationsPage(index: StateRead, list: ReturnType<typeof workflowsLists.applicantApplications>, parameters: { start?: string; limit?: string }) {
  const page = readListPage<StoredApplicationEntry>(index, list, parameters);
  return { applications: page.entries.map(([id, template, startedAt]) => ({ id, template, startedAt })), total: page.total, start: page.start, next: page.next };
}

/** One page of what awaits an organisation's signature, leaving out entries of applications that expired by the newest block's time. */
function inboxPage(state: StateRead, organisation: string, parameters: { start?: string; limit?: string }, asOf: { height: number; time: number }) {
  const startAt = Number(parameters.start ?? "0");
  const limitOf = Math.min(Number(parameters.limit ?? String(workflowListLimitMax)), workflowListLimitMax);
  if (startAt + limitOf > workflowInboxDepthMax) throw workflowError("WORKFLOW_QUERY_INVALID", `an inbox page may reach at most ${workflowInboxDepthMax} entries deep; start + limit is ${startAt + limitOf}`);
  const listed = state.list(workflowsKeys.inboxPrefix(organisation), startAt + limitOf + 1);
  const raw = listed.slice(startAt, startAt + limitOf);
  const templates = new Map<string, TemplateRecord | undefined>();
  const entries = raw
    .map((item) => item.value as unknown as InboxEntry)
    .filter((entry) => {
      const application = readApplication(state, entry.application);
      if (!templates.has(entry.template)) templates.set(entry.template, readTemplate(state, entry.template));
      const template = templates.get(entry.template);
      return application !== undefined && template !== undefined && applicationStatusAt(template.template, application, asOf.time) === "open";
    });
  return { organisation, asOf, entries, start: startAt, next: listed.length > startAt + limitOf ? startAt + limitOf : null };
}

export const workflowsQueries: Readonly<Record<string, QueryDefinition>> = {
  template: defineQuery({
    description: "One workflow template: its steps, rule and decider, its hash, and its approvals.",
    parameters: Type.Object({ id: workflowTemplateIdSchema }),
    run: (state, parameters) => requireTemplate(state, parameters.id),
  }),
  templates: defineQuery({
    description: "The workflow templates in the order proposed, a page at a time.",
    parameters: Type.Object({ start, limit }),
    run: (state, parameters, _readModule, _blocks, index) => {
      const page = readListPage<string>(index, workflowsLists.templates(), parameters);
      return { templates: page.entries.map((id) => requireTemplate(state, id)), total: page.total, start: page.start, next: page.next };
    },
  }),
  application: defineQuery({
    description: "An application's progress at the newest block: its status (expired once a deadline passed that the rule cannot do without), who attested each step and when, what is missing, why it was refused.",
    parameters: Type.Object({ id: workflowApplicationIdSchema }),
    run: (state, parameters, _readModule, blocks) => {
      const application = requireApplication(state, parameters.id);
      return applicationProgress(requireTemplate(state, application.template).template, application, asOfHead(blocks));
    },
  }),
  applications: defineQuery({
    description: "The applications of an applicant's account or of a subject reference, in the order filed, a page at a time.",
    parameters: Type.Object({ applicant: Type.Optional(address), subject: Type.Optional(subject), start, limit }),
    run: (_state, parameters, _readModule, _blocks, index) => {
      if ((parameters.applicant === undefined) === (parameters.subject === undefined)) throw workflowError("WORKFLOW_QUERY_INVALID", "give one of applicant or subject");
      const list = parameters.applicant !== undefined ? workflowsLists.applicantApplications(parameters.applicant) : workflowsLists.subjectApplications(parameters.subject as string);
      return applicationsPage(index, list, parameters);
    },
  }),
  inbox: defineQuery({
    description: "What awaits an organisation's signature — steps ready to attest and decisions to issue — by application id, a page at a time; applications expired by the newest block's time are left out.",
    parameters: Type.Object({ organisation: workflowOrganisationSchema, start, limit }),
    run: (state, parameters, _readModule, blocks) => inboxPage(state, parameters.organisation, parameters, asOfHead(blocks)),
  }),
  credential: defineQuery({
    description: "A step's attestation credential, or the decision credential when no step is given, as the JSON text recorded.",
    parameters: Type.Object({ application: workflowApplicationIdSchema, step: Type.Optional(workflowStepIdSchema) }),
    run: (state, parameters) => {
      const application = requireApplication(state, parameters.application);
      const step = parameters.step ?? null;
      const hash = step === null ? application.decision?.hash : application.attestations.find((attestation) => attestation.step === step)?.hash;
      const credential = state.get(workflowsKeys.credential(application.id, step)) as string | undefined;
      if (hash === undefined || credential === undefined) throw workflowError("WORKFLOW_STEP_NOT_FOUND", step === null ? `application "${application.id}" has no decision` : `step "${step}" of "${application.id}" is not attested`, { application: application.id });
      return { application: application.id, step, hash, credential };
    },
  }),
};
