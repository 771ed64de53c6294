import { registerEncryptionKeyPayloadSchema, toHex } from "@kexin/core";
import type { TxCall } from "../call.ts";
import { datashareCall } from "./payload.ts";

export type RegisterEncryptionKeyCall = TxCall<"datashare", "register_encryption_key", { readonly publicKey: string }>;

/** Sets the signer's encryption public key (generateEncryptionKeyPair of @kexin/core): released data keys are wrapped to it. */
export function registerEncryptionKey(parameters: { readonly publicKey: Uint8Array | string }): RegisterEncryptionKeyCall {
  const publicKey = typeof parameters.publicKey === "string" ? parameters.publicKey.toLowerCase() : toHex(parameters.publicKey);
  return datashareCall("register_encryption_key", registerEncryptionKeyPayloadSchema, { publicKey });
}
