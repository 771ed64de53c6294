import { type AttestPayload, type CredentialDocument, type WorkflowOutcome, attestPayloadSchema, workflowAttestationCredential } from "@kexin/core";
import type { TxCall } from "../call.ts";
import type { Client } from "../clients/createClient.ts";
import type { ApiError, SdkError } from "../errors.ts";
import type { Wallet } from "../wallet/wallet.ts";
import { workflowsCall } from "./payload.ts";
import { signWorkflowCredential, signingContext } from "./signing.ts";

export type AttestCall = TxCall<"workflows", "attest", AttestPayload>;
export type AttestParameters = {
  /** A member of the step's organisation holding its role (or its admin); its account key signs the credential. */
  readonly wallet: Wallet;
  readonly application: string;
  readonly step: string;
  readonly outcome: WorkflowOutcome;
  readonly reason: string;
  /**
   * The datashare access (or compute) transactions of the applicant's records the department read
   * for the step: at least one when the step reads datasets, or the chain refuses the attestation
   * (WORKFLOW_EVIDENCE_MISSING, WORKFLOW_EVIDENCE_INVALID). A step that reads nothing may cite any ids.
   */
  readonly evidence?: readonly string[];
  /** The proof's `created` time, an XML Schema dateTime; omitted when absent. */
  readonly created?: string;
  readonly signal?: AbortSignal;
};
export type AttestReturnType = { readonly credential: CredentialDocument; readonly call: AttestCall };
/** ApiError (WORKFLOW_APPLICATION_NOT_FOUND, …); SdkError; WorkflowError WORKFLOW_CREDENTIAL_INVALID for evidence or a reason out of bounds. */
export type AttestErrorType = ApiError | SdkError;

/**
 * Signs the attestation credential of one step (a W3C VC with a Data Integrity proof of the
 * chain's cryptosuite, under the wallet's did:key) about the application's subject, and returns
 * it with the attest call that records it. The chain checks the signer, its department and role,
 * the order of steps and the deadline.
 */
export async function attest(client: Client, parameters: AttestParameters): Promise<AttestReturnType> {
  const { wallet, signal } = parameters;
  const { chainId, organisation, progress } = await signingContext(client, wallet, parameters.application, signal);
  const { application } = progress;
  const unsecured = workflowAttestationCredential({
    chainId,
    organisation,
    subject: application.subject,
    application: application.id,
    template: application.template,
    templateHash: application.templateHash,
    step: parameters.step,
    outcome: parameters.outcome,
    reason: parameters.reason,
    evidence: parameters.evidence ?? [],
  });
  const credential = signWorkflowCredential(wallet, unsecured, parameters.created);
  const call = workflowsCall("attest", attestPayloadSchema, { application: application.id, step: parameters.step, credential: JSON.stringify(credential) });
  return { credential, call };
}
