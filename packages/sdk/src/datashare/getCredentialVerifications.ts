import { credentialVerificationsAnswerSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetCredentialVerificationsParameters = ({ readonly credential: string } | { readonly organisation: string } | { readonly issuer: string }) & {
  /** 0-based position of the page's first entry (default 0): the previous answer's `next`. */
  readonly start?: number;
  readonly limit?: number;
  readonly signal?: AbortSignal;
};

/** A page of the recorded verifications of a credential, by a department, or of an issuer's credentials, oldest first; `next` is the following page's start, null after the last. */
export function getCredentialVerifications(client: Client, parameters: GetCredentialVerificationsParameters) {
  const selector = "credential" in parameters ? { credential: parameters.credential } : "organisation" in parameters ? { organisation: parameters.organisation } : { issuer: parameters.issuer };
  return queryAnswer(client, credentialVerificationsAnswerSchema, { module: "datashare", query: "credential_verifications", parameters: { ...selector, start: parameters.start, limit: parameters.limit }, signal: parameters.signal });
}
