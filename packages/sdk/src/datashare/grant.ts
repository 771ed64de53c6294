import { type GrantPayload, grantPayloadSchema, revokePayloadSchema } from "@kexin/core";
import type { TxCall } from "../call.ts";
import { datashareCall } from "./payload.ts";

export type GrantCall = TxCall<"datashare", "grant", GrantPayload>;
export type RevokePayload = Pick<GrantPayload, "dataset" | "grantee">;
export type RevokeCall = TxCall<"datashare", "revoke", RevokePayload>;

/** Grants a dataset (or named fields) to an organisation or member until a height, for a number of accesses; the signer administers the owner. */
export function grant(parameters: GrantPayload): GrantCall {
  const { fields, ...rest } = parameters;
  return datashareCall("grant", grantPayloadSchema, { ...rest, grantee: { ...parameters.grantee }, ...(fields !== undefined ? { fields: [...fields] } : {}) });
}

/** Revokes a grant: accesses are refused from the next block, and the owner's node releases no more keys for it. */
export function revoke(parameters: RevokePayload): RevokeCall {
  return datashareCall("revoke", revokePayloadSchema, { dataset: parameters.dataset, grantee: { ...parameters.grantee } });
}
