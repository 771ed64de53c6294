import type { TxCall } from "../call.ts";
import { requireAddress } from "../validation.ts";

export type RevokePayload = { readonly address: string };
export type RevokeCall = TxCall<"identity", "revoke", RevokePayload>;

/** Removes a member or device; the signer must be an admin of its organisation. */
export function revoke(parameters: RevokePayload): RevokeCall {
  return {
    module: "identity",
    type: "revoke",
    payload: { address: requireAddress("identity.revoke", "address", parameters.address) },
  };
}
