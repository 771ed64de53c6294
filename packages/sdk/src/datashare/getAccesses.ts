import { accessesAnswerSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetAccessesParameters = ({ readonly dataset: string } | { readonly organisation: string } | { readonly requester: string }) & { readonly start?: number; readonly limit?: number; readonly signal?: AbortSignal };

/**
 * The audited requests of a dataset, by an organisation or by one account, oldest first: accesses
 * to records (`kind: "access"`), compute-to-data requests (`kind: "compute"`, with the model and
 * whether the owner's node has answered) and verifications of presented credentials (`kind:
 * "credential_verification"`, with the credential and the chain's verdict); who, when, for what
 * purpose, which transaction.
 */
export function getAccesses(client: Client, parameters: GetAccessesParameters) {
  const selector = "dataset" in parameters ? { dataset: parameters.dataset } : "organisation" in parameters ? { organisation: parameters.organisation } : { requester: parameters.requester };
  return queryAnswer(client, accessesAnswerSchema, { module: "datashare", query: "accesses", parameters: { ...selector, start: parameters.start, limit: parameters.limit }, signal: parameters.signal });
}
