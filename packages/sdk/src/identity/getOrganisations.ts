import { organisationsAnswerSchema, type OrganisationsAnswer } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";

export type GetOrganisationsParameters = { readonly signal?: AbortSignal };
export type GetOrganisationsReturnType = OrganisationsAnswer;

/** Every organisation of the consortium with its admins' addresses. */
export function getOrganisations(client: Client, parameters: GetOrganisationsParameters = {}): Promise<GetOrganisationsReturnType> {
  return queryAnswer(client, organisationsAnswerSchema, { module: "identity", query: "organisations", signal: parameters.signal });
}
