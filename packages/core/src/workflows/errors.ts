import { KexinError } from "../errors.ts";

/** Every refusal of the workflows service: of its transactions (in a failed receipt), its queries, the SDK and offline verification. */
export const workflowErrorCodes = [
  "WORKFLOW_NOT_ADMIN",
  "WORKFLOW_TEMPLATE_INVALID",
  "WORKFLOW_TEMPLATE_EXISTS",
  "WORKFLOW_TEMPLATE_NOT_FOUND",
  "WORKFLOW_TEMPLATE_ALREADY_APPROVED",
  "WORKFLOW_TEMPLATE_NOT_ACTIVE",
  "WORKFLOW_ORGANISATION_UNKNOWN",
  "WORKFLOW_DATASET_NOT_FOUND",
  "WORKFLOW_APPLICATION_EXISTS",
  "WORKFLOW_APPLICATION_NOT_FOUND",
  "WORKFLOW_APPLICANT_UNKNOWN",
  "WORKFLOW_APPLICATION_CLOSED",
  "WORKFLOW_APPLICATION_EXPIRED",
  "WORKFLOW_APPLICATION_NOT_EXPIRED",
  "WORKFLOW_STEP_NOT_FOUND",
  "WORKFLOW_STEP_NOT_READY",
  "WORKFLOW_STEP_ALREADY_ATTESTED",
  "WORKFLOW_STEP_DEADLINE_PASSED",
  "WORKFLOW_WRONG_ORGANISATION",
  "WORKFLOW_WRONG_ROLE",
  "WORKFLOW_CREDENTIAL_INVALID",
  "WORKFLOW_PROOF_INVALID",
  "WORKFLOW_SIGNER_UNTRUSTED",
  "WORKFLOW_TEMPLATE_MISMATCH",
  "WORKFLOW_ATTESTATION_MISMATCH",
  "WORKFLOW_EVIDENCE_INVALID",
  "WORKFLOW_EVIDENCE_MISSING",
  "WORKFLOW_RULE_NOT_MET",
  "WORKFLOW_QUERY_INVALID",
] as const;
export type WorkflowErrorCode = (typeof workflowErrorCodes)[number];

/** A workflows refusal: its code and, when they help, the template, application or step it concerns. */
export interface WorkflowErrorType {
  readonly code: WorkflowErrorCode;
  readonly [detail: string]: string | number | boolean | undefined;
}
export class WorkflowError extends KexinError<WorkflowErrorType> {}

export function workflowError(code: WorkflowErrorCode, message: string, details: Record<string, string | number | boolean> = {}): WorkflowError {
  return new WorkflowError({ ...details, code }, message);
}
