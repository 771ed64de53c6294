import type { TxCall } from "../call.ts";
import { requireAddress, requireRoles, requireText } from "../validation.ts";

export type RegisterMemberPayload = { readonly org: string; readonly address: string; readonly name: string; readonly roles: readonly string[] };
export type RegisterMemberCall = TxCall<"identity", "register_member", RegisterMemberPayload>;

/** Adds an account to an organisation with roles; the signer must be an admin of `org`. */
export function registerMember(parameters: RegisterMemberPayload): RegisterMemberCall {
  const context = "identity.register_member";
  return {
    module: "identity",
    type: "register_member",
    payload: {
      org: requireText(context, "org", parameters.org, 64),
      address: requireAddress(context, "address", parameters.address),
      name: requireText(context, "name", parameters.name),
      roles: requireRoles(context, "roles", parameters.roles),
    },
  };
}
