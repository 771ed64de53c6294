import { credentialRecordSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetCredentialParameters = { readonly id: string } & { readonly signal?: AbortSignal };

/** An issued credential as the chain holds it: hash, issuer, status-list index and status (ApiError DATASHARE_CREDENTIAL_NOT_FOUND otherwise). */
export function getCredential(client: Client, parameters: GetCredentialParameters) {
  return queryAnswer(client, credentialRecordSchema, { module: "datashare", query: "credential", parameters: { id: parameters.id }, signal: parameters.signal });
}
