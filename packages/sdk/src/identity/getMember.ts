import type { Client } from "../clients/createClient.ts";
import { query } from "../actions/query.ts";
import type { MemberView } from "../types.ts";
import { requireAddress } from "../validation.ts";

export type GetMemberParameters = { readonly address: string; readonly signal?: AbortSignal };
export type GetMemberReturnType = MemberView;

/** A registered member or device; ApiError with status 404 when the address is not registered. */
export function getMember(client: Client, parameters: GetMemberParameters): Promise<GetMemberReturnType> {
  const address = requireAddress("identity.member", "address", parameters.address);
  return query<GetMemberReturnType>(client, { module: "identity", query: "member", parameters: { address }, signal: parameters.signal });
}
