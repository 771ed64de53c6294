import type { TxCall } from "../call.ts";
import { requireAddress, requireRoles } from "../validation.ts";

export type SetRolesPayload = { readonly address: string; readonly roles: readonly string[] };
export type SetRolesCall = TxCall<"identity", "set_roles", SetRolesPayload>;

/** Replaces a member's roles; the signer must be an admin of the member's organisation. */
export function setRoles(parameters: SetRolesPayload): SetRolesCall {
  const context = "identity.set_roles";
  return {
    module: "identity",
    type: "set_roles",
    payload: {
      address: requireAddress(context, "address", parameters.address),
      roles: requireRoles(context, "roles", parameters.roles),
    },
  };
}
