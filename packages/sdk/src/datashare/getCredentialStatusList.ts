import { type CredentialStatusPurpose, credentialStatusListAnswerSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetCredentialStatusListParameters = { readonly issuer: string; readonly purpose?: CredentialStatusPurpose } & { readonly signal?: AbortSignal };

/** An issuing organisation's revocation list, or its suspension list (Bitstring Status List encoding): a snapshot to verify its credentials offline. */
export function getCredentialStatusList(client: Client, parameters: GetCredentialStatusListParameters) {
  return queryAnswer(client, credentialStatusListAnswerSchema, {
    module: "datashare",
    query: "credential_status_list",
    parameters: { issuer: parameters.issuer, purpose: parameters.purpose },
    signal: parameters.signal,
  });
}
