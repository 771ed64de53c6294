import {
  type IssueCredentialPayload,
  type ReinstateCredentialPayload,
  type RevokeCredentialPayload,
  type SuspendCredentialPayload,
  type VerifyCredentialPayload,
  issueCredentialPayloadSchema,
  reinstateCredentialPayloadSchema,
  revokeCredentialPayloadSchema,
  suspendCredentialPayloadSchema,
  verifyCredentialPayloadSchema,
} from "@kexin/core";
import type { TxCall } from "../call.ts";
import { datashareCall } from "./payload.ts";

export type IssueCredentialCall = TxCall<"datashare", "issue_credential", IssueCredentialPayload>;
export type RevokeCredentialCall = TxCall<"datashare", "revoke_credential", RevokeCredentialPayload>;
export type VerifyCredentialCall = TxCall<"datashare", "verify_credential", VerifyCredentialPayload>;
export type SuspendCredentialCall = TxCall<"datashare", "suspend_credential", SuspendCredentialPayload>;
export type ReinstateCredentialCall = TxCall<"datashare", "reinstate_credential", ReinstateCredentialPayload>;

/** Records an issued credential: its id, hash and status-list index (issueCredential builds it from the signed credential). */
export function recordIssuedCredential(parameters: IssueCredentialPayload): IssueCredentialCall {
  return datashareCall("issue_credential", issueCredentialPayloadSchema, { ...parameters });
}

/** Revokes a credential of the signer's organisation for good: its bit in the organisation's status list is set. */
export function revokeCredential(parameters: RevokeCredentialPayload): RevokeCredentialCall {
  return datashareCall("revoke_credential", revokeCredentialPayloadSchema, { ...parameters });
}

/** Suspends a credential of the signer's organisation until it is reinstated: its bit in the organisation's suspension list is set. */
export function suspendCredential(parameters: SuspendCredentialPayload): SuspendCredentialCall {
  return datashareCall("suspend_credential", suspendCredentialPayloadSchema, { ...parameters });
}

/** Lifts the suspension of a credential of the signer's organisation: its bit in the suspension list is cleared. */
export function reinstateCredential(parameters: ReinstateCredentialPayload): ReinstateCredentialCall {
  return datashareCall("reinstate_credential", reinstateCredentialPayloadSchema, { ...parameters });
}

/** Records that the signer's department verified a presented credential, for a purpose (presentCredential builds it). */
export function recordCredentialVerification(parameters: VerifyCredentialPayload): VerifyCredentialCall {
  return datashareCall("verify_credential", verifyCredentialPayloadSchema, { ...parameters });
}
