import { type CredentialDocument, parseWorkflowCredential, workflowCredentialAnswerSchema, workflowError } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetWorkflowCredentialParameters = { readonly application: string; readonly step?: string } & { readonly signal?: AbortSignal };

/** A step's attestation credential, or the application's decision credential when no step is given, with the hash the chain recorded. */
export async function getWorkflowCredential(client: Client, parameters: GetWorkflowCredentialParameters): Promise<{ readonly hash: string; readonly credential: CredentialDocument }> {
  const answer = await queryAnswer(client, workflowCredentialAnswerSchema, { module: "workflows", query: "credential", parameters: { application: parameters.application, step: parameters.step }, signal: parameters.signal });
  const credential = parseWorkflowCredential(answer.credential);
  if (credential === undefined) throw workflowError("WORKFLOW_CREDENTIAL_INVALID", "the node answered a credential that is not a JSON object");
  return { hash: answer.hash, credential };
}
