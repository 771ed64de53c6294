import { datashareBlobUploadAuthorisation, datashareKeyDepositAuthorisation, fromHex, keyDepositContext, nodeEncryptionKeyAnswerSchema, toHex, wrapDataKey } from "@kexin/core";
import { getStatus } from "../actions/getStatus.ts";
import { uploadEnvelope } from "../blobs/index.ts";
import type { Client } from "../clients/createClient.ts";
import type { ApiError, SdkError } from "../errors.ts";
import { checkAnswer } from "../transport/checkAnswer.ts";
import { request } from "../transport/request.ts";
import type { Wallet } from "../wallet/wallet.ts";
import { getDataset } from "./getDataset.ts";
import { type PublishRecordCall, publishRecord } from "./publishRecord.ts";
import { sealRecord } from "./sealRecord.ts";

export type ShareRecordParameters = {
  /** A member of the dataset's owner organisation, whose node this client talks to. */
  readonly wallet: Wallet;
  readonly dataset: string;
  /** The record's id, unique on the chain. */
  readonly id: string;
  readonly record: unknown;
  /** The record's subject reference (datashareSubjectReference with the organisation's subject key). */
  readonly subject: string;
  readonly signal?: AbortSignal;
};
export type ShareRecordReturnType = {
  /** The publish_record transaction to send once this returns. */
  readonly call: PublishRecordCall;
  readonly hash: string;
  readonly size: number;
};
/** DatashareError DATASHARE_RECORD_INVALID before anything is sent; ApiError of the blob or key routes; SdkError. */
export type ShareRecordErrorType = ApiError | SdkError;

/**
 * Prepares a record for publication on the owner's node: checks it against the dataset's schema,
 * seals it field by field under a fresh data key, uploads the ciphertext to the node's datashare blob store and
 * deposits the data key with the node wrapped to the node's encryption key. Returns the
 * publish_record call; the plaintext and the key never leave the caller unencrypted.
 */
export async function shareRecord(client: Client, parameters: ShareRecordParameters): Promise<ShareRecordReturnType> {
  const { wallet, signal } = parameters;
  const dataset = await getDataset(client, { id: parameters.dataset, signal });
  const sealed = sealRecord(wallet.suite, { id: parameters.id, recordSchema: dataset.recordSchema, record: parameters.record });
  const call = publishRecord({ id: parameters.id, dataset: dataset.id, hash: sealed.hash, size: sealed.size, subject: parameters.subject });
  const chainId = (await getStatus(client, { signal })).chainId;
  await uploadEnvelope(client, { service: "datashare", authorisation: datashareBlobUploadAuthorisation, context: "datashare.shareRecord", envelope: sealed.envelope, wallet, chainId, signal });
  const nodeKey = checkAnswer(nodeEncryptionKeyAnswerSchema, await request<unknown>(client, { method: "GET", path: "/v1/datashare/node-key", signal }), `${client.url}/v1/datashare/node-key`, "datashare.shareRecord");
  const wrappedKey = await wrapDataKey(wallet.suite, fromHex(nodeKey.publicKey), sealed.dataKey, keyDepositContext(chainId, parameters.id, sealed.hash));
  const deposit = wallet.signTx({ chainId, nonce: 0, ...datashareKeyDepositAuthorisation, payload: { record: parameters.id, dataset: dataset.id, hash: sealed.hash, wrappedKey: toHex(wrappedKey) }, expiry: 0 });
  await request<unknown>(client, { method: "POST", path: "/v1/datashare/keys", body: { request: toHex(deposit.bytes) }, signal });
  return { call, hash: sealed.hash, size: sealed.size };
}
