import { getEnvelope } from "../blobs/index.ts";
import type { Client } from "../clients/createClient.ts";
import type { ApiError, SdkError } from "../errors.ts";
import { requireHash } from "../validation.ts";

export type GetSealedParameters = { readonly hash: string; readonly signal?: AbortSignal };
/** The envelope's bytes, checked to hash to `hash`. */
export type GetSealedReturnType = Uint8Array;
/** ApiError NOT_FOUND (404) when the node holds no such envelope; SdkError SDK_BAD_RESPONSE when the bytes are not an envelope of that hash. */
export type GetSealedErrorType = ApiError | SdkError;

/**
 * Downloads a sealed envelope by its hash: GET /v1/evidence/blobs/:hash. The node is not trusted:
 * the bytes must be an envelope whose hash, under its own cipher's suite, is the one asked for.
 * Open it with openSealedEvidence.
 */
export async function getSealed(client: Client, parameters: GetSealedParameters): Promise<GetSealedReturnType> {
  const hash = requireHash("evidence.getSealed", "hash", parameters.hash);
  return getEnvelope(client, { service: "evidence", hash, context: "evidence.getSealed", signal: parameters.signal });
}
