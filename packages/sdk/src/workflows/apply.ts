import { type ApplyPayload, applyPayloadSchema } from "@kexin/core";
import type { TxCall } from "../call.ts";
import { workflowsCall } from "./payload.ts";

export type ApplyCall = TxCall<"workflows", "apply", ApplyPayload>;

/** Starts an application of an active template about a subject reference; `applicant` names the applicant's account when a clerk files for them. */
export function apply(parameters: ApplyPayload): ApplyCall {
  return workflowsCall("apply", applyPayloadSchema, {
    id: parameters.id,
    template: parameters.template,
    subject: parameters.subject.toLowerCase(),
    ...(parameters.applicant !== undefined ? { applicant: parameters.applicant } : {}),
  });
}
