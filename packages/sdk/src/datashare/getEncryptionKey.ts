import { encryptionKeyRecordSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetEncryptionKeyParameters = { readonly address: string } & { readonly signal?: AbortSignal };

/** The encryption key an account registered (ApiError NOT_FOUND when none). */
export function getEncryptionKey(client: Client, parameters: GetEncryptionKeyParameters) {
  return queryAnswer(client, encryptionKeyRecordSchema, { module: "datashare", query: "encryption_key", parameters: { address: parameters.address }, signal: parameters.signal });
}
