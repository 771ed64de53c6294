import { type CborValue, type WorkflowTemplate, proposeTemplatePayloadSchema, workflowError, workflowTemplateProblem } from "@kexin/core";
import type { TxCall } from "../call.ts";
import { workflowsCall } from "./payload.ts";

export type ProposeTemplateCall = TxCall<"workflows", "propose_template", CborValue>;

/** Proposes a workflow template (the signer must be an organisation admin); WORKFLOW_TEMPLATE_INVALID before anything is signed when its steps do not hold together. */
export function proposeTemplate(parameters: { readonly template: WorkflowTemplate }): ProposeTemplateCall {
  const call = workflowsCall("propose_template", proposeTemplatePayloadSchema, { template: parameters.template as unknown as CborValue });
  const problem = workflowTemplateProblem(parameters.template);
  if (problem !== undefined) throw workflowError("WORKFLOW_TEMPLATE_INVALID", problem, { template: parameters.template.id });
  return call;
}
