import { type CborValue, type CryptoSuite, type TemplateRecord, type WorkflowTemplate, approveTemplatePayloadSchema, datashareModuleName, proposeTemplatePayloadSchema, workflowError, workflowTemplateHash, workflowTemplateProblem } from "@kexin/core";
import { ExecutionError } from "../../execution/errors.ts";
import { type ReadContext, type StateRead, type TxContext, defineTxType } from "../../execution/interface.ts";
import { readDataset } from "../datashare/catalogue.ts";
import { administeredOrganisation, identityModuleName, organisationApprovalsNeeded, readOrganisation, withApproval } from "../identity/index.ts";
import { workflowsKeys } from "./keys.ts";
import { appendToList, workflowsLists } from "./lists.ts";

const openProposalsMax = 64;

export function readTemplate(state: StateRead, id: string): TemplateRecord | undefined {
  return state.get(workflowsKeys.template(id)) as unknown as TemplateRecord | undefined;
}

export function requireTemplate(state: StateRead, id: string): TemplateRecord {
  const record = readTemplate(state, id);
  if (record === undefined) throw workflowError("WORKFLOW_TEMPLATE_NOT_FOUND", `no workflow template "${id}"`, { template: id });
  return record;
}

/** Templates are approved as contracts are: an organisation's admin proposes and approves for it. */
function requireAdmin(context: ReadContext): string {
  const organisation = administeredOrganisation(context);
  if (organisation === undefined) throw workflowError("WORKFLOW_NOT_ADMIN", `signer ${context.caller.address} is not an organisation admin; only admins propose and approve workflow templates`);
  return organisation;
}

/** What the schema cannot say: a sound step graph, and organisations and datasets that exist on the chain. */
function checkTemplate(context: ReadContext, template: WorkflowTemplate): void {
  const problem = workflowTemplateProblem(template);
  if (problem !== undefined) throw workflowError("WORKFLOW_TEMPLATE_INVALID", problem, { template: template.id });
  const identity = context.readModule(identityModuleName);
  const datashare = context.readModule(datashareModuleName);
  for (const organisation of [...template.steps.map((step) => step.organisation), template.decider.organisation]) {
    if (readOrganisation(identity, organisation) === undefined) throw workflowError("WORKFLOW_ORGANISATION_UNKNOWN", `the template names organisation "${organisation}", which is not on the chain`, { organisation });
  }
  for (const step of template.steps) {
    for (const dataset of step.reads) {
      if (readDataset(datashare, dataset) === undefined) throw workflowError("WORKFLOW_DATASET_NOT_FOUND", `step "${step.id}" reads dataset "${dataset}", which is not registered`, { step: step.id, dataset });
    }
  }
}

function approveWith(context: TxContext, record: TemplateRecord, organisation: string): void {
  const approvals = withApproval(record.approvals, organisation);
  const needed = organisationApprovalsNeeded(context.readModule(identityModuleName));
  const id = record.template.id;
  if (approvals.length < needed) {
    context.state.set(workflowsKeys.template(id), { ...record, approvals, needed } as unknown as CborValue);
    context.emit("template_approved_by", { template: id, organisation, approvals: approvals.length, needed });
    return;
  }
  context.state.set(workflowsKeys.template(id), { ...record, approvals, needed, status: "active", activatedAt: context.block.height } as unknown as CborValue);
  context.state.set(workflowsKeys.openProposals, Math.max(0, ((context.state.get(workflowsKeys.openProposals) as number | undefined) ?? 1) - 1));
  context.emit("template_activated", { template: id, hash: record.hash, approvals: approvals.length, needed });
}

export function createProposeTemplate(suite: CryptoSuite) {
  return defineTxType({
    description: "An organisation admin proposes a workflow template; its organisation approves it at once, and it is active once more than two thirds of the organisations approve.",
    schema: proposeTemplatePayloadSchema,
    costUnits: 50,
    authorise: (context) => {
      requireAdmin(context);
    },
    execute: (context, payload) => {
      const organisation = requireAdmin(context);
      const { template } = payload;
      if (readTemplate(context.state, template.id) !== undefined) throw workflowError("WORKFLOW_TEMPLATE_EXISTS", `workflow template "${template.id}" exists`, { template: template.id });
      const open = (context.state.get(workflowsKeys.openProposals) as number | undefined) ?? 0;
      if (open >= openProposalsMax) throw new ExecutionError({ code: "TX_LIMIT_EXCEEDED", limit: "workflowOpenProposalsMax" }, `at most ${openProposalsMax} workflow templates may await approval`);
      checkTemplate(context, template);
      context.charge(template.steps.length * 5);
      const record: TemplateRecord = { template, hash: workflowTemplateHash(suite, template), status: "proposed", proposer: organisation, proposedBy: context.caller.address, proposedAt: context.block.height, approvals: [], needed: 1 };
      context.state.set(workflowsKeys.openProposals, open + 1);
      appendToList(context, workflowsLists.templates(), template.id);
      context.emit("template_proposed", { template: template.id, hash: record.hash, organisation });
      approveWith(context, record, organisation);
    },
  });
}

export const approveTemplate = defineTxType({
  description: "An organisation admin approves a proposed workflow template on behalf of its organisation.",
  schema: approveTemplatePayloadSchema,
  costUnits: 10,
  authorise: (context) => {
    requireAdmin(context);
  },
  execute: (context, payload) => {
    const organisation = requireAdmin(context);
    const record = requireTemplate(context.state, payload.id);
    if (record.status !== "proposed") throw workflowError("WORKFLOW_TEMPLATE_ALREADY_APPROVED", `workflow template "${payload.id}" is already active`, { template: payload.id });
    if (record.approvals.includes(organisation)) throw workflowError("WORKFLOW_TEMPLATE_ALREADY_APPROVED", `organisation "${organisation}" already approved "${payload.id}"`, { template: payload.id });
    approveWith(context, record, organisation);
  },
});
