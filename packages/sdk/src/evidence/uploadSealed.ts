import { sealedUploadAuthorisation, toHex } from "@kexin/core";
import { getStatus } from "../actions/getStatus.ts";
import type { Client } from "../clients/createClient.ts";
import { type ApiError, SdkError, invalidParameter } from "../errors.ts";
import { requestBytes } from "../transport/request.ts";
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
  const { envelope, wallet } = parameters;
  if (!(envelope instanceof Uint8Array)) throw invalidParameter("evidence.uploadSealed", "envelope", "must be the envelope's bytes (a Uint8Array)");
  const chainId = parameters.chainId ?? (await getStatus(client, { signal: parameters.signal })).chainId;
  const hash = toHex(wallet.suite.hash(envelope));
  const authorisation = wallet.signTx({ chainId, nonce: 0, ...sealedUploadAuthorisation, payload: { hash, size: envelope.length }, expiry: 0 });
  const answer = await requestBytes(client, {
    method: "PUT",
    path: `/v1/evidence/blobs/${hash}`,
    body: envelope,
    headers: { "x-kexin-authorisation": toHex(authorisation.bytes) },
    signal: parameters.signal,
  });
  const stored = JSON.parse(new TextDecoder().decode(answer.bytes)) as UploadSealedReturnType;
  if (stored.hash !== hash) {
    const reason = `the node answered hash ${String(stored.hash)} for an envelope whose hash is ${hash}`;
    throw new SdkError({ code: "SDK_BAD_RESPONSE", url: `${client.url}/v1/evidence/blobs/${hash}`, status: answer.status, reason }, `evidence.uploadSealed: ${reason}`);
  }
  return stored;
}
