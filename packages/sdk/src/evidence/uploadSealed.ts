import { sealedUploadAuthorisation } from "@kexin/core";
import { uploadEnvelope } from "../blobs/index.ts";
import type { Client } from "../clients/createClient.ts";
import type { ApiError, SdkError } from "../errors.ts";
import type { Wallet } from "../wallet/wallet.ts";

export type UploadSealedParameters = {
  /** The envelope from sealEvidence. */
  readonly envelope: Uint8Array;
  /** A registered account of the chain: it signs the upload's authorisation. */
  readonly wallet: Wallet;
  /** The chain id the authorisation is for; read from GET /v1/status when not given. */
  readonly chainId?: string;
  readonly signal?: AbortSignal;
};
export type UploadSealedReturnType = {
  readonly hash: string;
  readonly size: number;
  /** False when the node already held these bytes (an upload is idempotent). */
  readonly created: boolean;
};
/**
 * ApiError EVIDENCE_BLOB_UNAUTHORISED (401), EVIDENCE_BLOB_NOT_MEMBER (403), EVIDENCE_BLOB_NOT_SEALED,
 * EVIDENCE_BLOB_MISMATCH (400), EVIDENCE_BLOB_TOO_LARGE (413), EVIDENCE_BLOB_BUSY (503),
 * EVIDENCE_BLOB_STORE_FULL (507); SdkError on network failures.
 */
export type UploadSealedErrorType = ApiError | SdkError;

/**
 * Stores a sealed envelope in the node's blob store: PUT /v1/evidence/blobs/:hash, authorised by
 * the wallet's signature over a never-submitted evidence.store_blob { hash, size } (docs/api.md).
 */
export async function uploadSealed(client: Client, parameters: UploadSealedParameters): Promise<UploadSealedReturnType> {
  return uploadEnvelope(client, { ...parameters, service: "evidence", authorisation: sealedUploadAuthorisation, context: "evidence.uploadSealed" });
}
