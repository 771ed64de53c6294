import { type CredentialDocument, type DecidePayload, decidePayloadSchema, workflowDecisionCredential, workflowError } from "@kexin/core";
import type { TxCall } from "../call.ts";
import type { Client } from "../clients/createClient.ts";
import type { ApiError, SdkError } from "../errors.ts";
import type { Wallet } from "../wallet/wallet.ts";
import { getTemplate } from "./getTemplate.ts";
import { getWorkflowCredential } from "./getWorkflowCredential.ts";
import { workflowsCall } from "./payload.ts";
import { signWorkflowCredential, signingContext } from "./signing.ts";

export type DecideCall = TxCall<"workflows", "decide", DecidePayload>;
export type DecideParameters = { readonly wallet: Wallet; readonly application: string; readonly created?: string; readonly signal?: AbortSignal };
export type DecideReturnType = { readonly credential: CredentialDocument; readonly call: DecideCall };
/** WorkflowError WORKFLOW_RULE_NOT_MET before anything is signed when the node says the application cannot be decided; ApiError; SdkError. */
export type DecideErrorType = ApiError | SdkError;

/**
 * Signs the decision credential of an application whose rule is met: it carries the template,
 * its hash and every attestation credential the chain recorded (fetched and checked against the
 * recorded hashes by the chain when the call is sent), so that it verifies offline as a whole.
 */
export async function decide(client: Client, parameters: DecideParameters): Promise<DecideReturnType> {
  const { wallet, signal } = parameters;
  const { chainId, organisation, progress } = await signingContext(client, wallet, parameters.application, signal);
  const { application } = progress;
  if (!progress.decidable) throw workflowError("WORKFLOW_RULE_NOT_MET", `application "${application.id}" cannot be decided: it is ${progress.status}, missing ${progress.missing.join(", ") || "nothing"}`, { application: application.id });
  const template = await getTemplate(client, { id: application.template, signal });
  const attestations = await Promise.all(application.attestations.map(async (attestation) => (await getWorkflowCredential(client, { application: application.id, step: attestation.step, signal })).credential));
  const unsecured = workflowDecisionCredential({
    chainId,
    organisation,
    application: application.id,
    subject: application.subject,
    template: template.template,
    templateHash: application.templateHash,
    attestations,
  });
  const credential = signWorkflowCredential(wallet, unsecured, parameters.created);
  return { credential, call: workflowsCall("decide", decidePayloadSchema, { application: application.id, credential: JSON.stringify(credential) }) };
}
