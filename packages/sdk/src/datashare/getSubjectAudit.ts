import { type SubjectAuditAnswer, datashareSubjectAuditAuthorisation, subjectAuditAnswerSchema } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import type { ApiError, SdkError } from "../errors.ts";
import type { Wallet } from "../wallet/wallet.ts";
import { signedNodeRequest } from "./signedNodeRequest.ts";

export type GetSubjectAuditParameters = {
  /** The citizen's key the organisation bound to the subject, an account of the organisation, or an auditor. */
  readonly wallet: Wallet;
  /** The organisation that made the subject reference. */
  readonly organisation: string;
  readonly subject: string;
  readonly start?: number;
  readonly limit?: number;
  readonly chainId?: string;
  readonly signal?: AbortSignal;
};
export type GetSubjectAuditReturnType = SubjectAuditAnswer;
/** ApiError DATASHARE_AUDIT_NOT_ALLOWED, DATASHARE_CHALLENGE_UNKNOWN, DATASHARE_REQUEST_UNAUTHORISED; SdkError. */
export type GetSubjectAuditErrorType = ApiError | SdkError;

/**
 * Every access to an organisation's records of one subject (who, when, purpose, transaction),
 * oldest first, a page at a time: takes a fresh challenge from the node and signs the request with
 * the wallet, which the node checks against the key bound to the subject, the organisation's
 * accounts and the auditor role.
 */
export function getSubjectAudit(client: Client, parameters: GetSubjectAuditParameters): Promise<GetSubjectAuditReturnType> {
  return signedNodeRequest(client, {
    ...parameters,
    authorisation: datashareSubjectAuditAuthorisation,
    payload: (challenge) => ({
      organisation: parameters.organisation,
      subject: parameters.subject.toLowerCase(),
      challenge,
      ...(parameters.start !== undefined ? { start: parameters.start } : {}),
      ...(parameters.limit !== undefined ? { limit: parameters.limit } : {}),
    }),
    path: "/v1/datashare/subjects/audit",
    answerSchema: subjectAuditAnswerSchema,
    action: "datashare.getSubjectAudit",
  });
}
