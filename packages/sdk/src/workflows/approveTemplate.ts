import { type ApproveTemplatePayload, approveTemplatePayloadSchema } from "@kexin/core";
import type { TxCall } from "../call.ts";
import { workflowsCall } from "./payload.ts";

export type ApproveTemplateCall = TxCall<"workflows", "approve_template", ApproveTemplatePayload>;

/** Approves a proposed workflow template on behalf of the signer's organisation (the signer must be its admin). */
export function approveTemplate(parameters: ApproveTemplatePayload): ApproveTemplateCall {
  return workflowsCall("approve_template", approveTemplatePayloadSchema, { id: parameters.id });
}
