import type { Client } from "../clients/createClient.ts";
import { query } from "../actions/query.ts";

export type GetOrganisationsParameters = { readonly signal?: AbortSignal };
export type GetOrganisationsReturnType = {
  readonly organisations: readonly { readonly id: string; readonly name: string; readonly admins: readonly string[] }[];
};

/** Every organisation of the consortium with its admins' addresses. */
export function getOrganisations(client: Client, parameters: GetOrganisationsParameters = {}): Promise<GetOrganisationsReturnType> {
  return query<GetOrganisationsReturnType>(client, { module: "identity", query: "organisations", signal: parameters.signal });
}
