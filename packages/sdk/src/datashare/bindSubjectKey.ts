import { bindSubjectKeyPayloadSchema, toHex } from "@kexin/core";
import type { TxCall } from "../call.ts";
import { datashareCall } from "./payload.ts";

export type BindSubjectKeyCall = TxCall<"datashare", "bind_subject_key", { readonly subject: string; readonly publicKey: string }>;

/**
 * Binds a citizen's signing public key to a subject reference the signer's organisation made, so
 * that the citizen can list the accesses to the organisation's records of it (getSubjectAudit).
 * Check the citizen's identity before sending it: the chain takes the organisation's word.
 */
export function bindSubjectKey(parameters: { readonly subject: string; readonly publicKey: Uint8Array | string }): BindSubjectKeyCall {
  const publicKey = typeof parameters.publicKey === "string" ? parameters.publicKey.toLowerCase() : toHex(parameters.publicKey);
  return datashareCall("bind_subject_key", bindSubjectKeyPayloadSchema, { subject: parameters.subject.toLowerCase(), publicKey });
}
