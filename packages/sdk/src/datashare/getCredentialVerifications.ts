import { credentialVerificationsAnswerSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetCredentialVerificationsParameters = ({ readonly credential: string } | { readonly organisation: string } | { readonly issuer: string }) & { readonly limit?: number; readonly signal?: AbortSignal };

/** The recorded verifications of a credential, by a department, or of an issuer's credentials, oldest first. */
export function getCredentialVerifications(client: Client, parameters: GetCredentialVerificationsParameters) {
  const selector = "credential" in parameters ? { credential: parameters.credential } : "organisation" in parameters ? { organisation: parameters.organisation } : { issuer: parameters.issuer };
  return queryAnswer(client, credentialVerificationsAnswerSchema, { module: "datashare", query: "credential_verifications", parameters: { ...selector, limit: parameters.limit }, signal: parameters.signal });
}
