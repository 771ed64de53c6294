import type { Client } from "../clients/createClient.ts";
import type { ApiError, SdkError } from "../errors.ts";
import { requestBytes } from "../transport/request.ts";
import { requireHash } from "../validation.ts";

export type HasSealedParameters = { readonly hash: string; readonly signal?: AbortSignal };
export type HasSealedReturnType = { readonly stored: false } | { readonly stored: true; readonly size: number };
export type HasSealedErrorType = ApiError | SdkError;

/** Whether the node holds a sealed envelope, and its size: HEAD /v1/evidence/blobs/:hash. */
export async function hasSealed(client: Client, parameters: HasSealedParameters): Promise<HasSealedReturnType> {
  const hash = requireHash("evidence.hasSealed", "hash", parameters.hash);
  const { status, headers } = await requestBytes(client, { method: "HEAD", path: `/v1/evidence/blobs/${hash}`, signal: parameters.signal });
  return status === 404 ? { stored: false } : { stored: true, size: Number(headers.get("content-length")) };
}
