import { type KeyReleaseAnswer, datashareKeyReleaseAuthorisation, keyReleaseAnswerSchema, keyReleaseChallengeAnswerSchema, toHex } from "@kexin/core";
import { getStatus } from "../actions/getStatus.ts";
import type { Client } from "../clients/createClient.ts";
import type { ApiError, SdkError } from "../errors.ts";
import { checkAnswer } from "../transport/checkAnswer.ts";
import { request } from "../transport/request.ts";
import type { Wallet } from "../wallet/wallet.ts";

export type RequestDataKeyParameters = {
  /** The requester: the signer of the committed access transaction. */
  readonly wallet: Wallet;
  /** The access transaction's hash. */
  readonly access: string;
  readonly record: string;
  /** The requester's registered encryption public key, to which the node wraps the data key. */
  readonly encryptionKey: Uint8Array;
  readonly chainId?: string;
  readonly signal?: AbortSignal;
};
export type RequestDataKeyReturnType = KeyReleaseAnswer;
/**
 * ApiError DATASHARE_ACCESS_NOT_FOUND, DATASHARE_ACCESS_NOT_YOURS, DATASHARE_RECORD_NOT_IN_ACCESS,
 * DATASHARE_GRANT_REVOKED, DATASHARE_GRANT_EXPIRED, DATASHARE_NO_ENCRYPTION_KEY, DATASHARE_KEY_MISMATCH,
 * DATASHARE_KEY_NOT_HELD, DATASHARE_CHALLENGE_UNKNOWN, DATASHARE_REQUEST_UNAUTHORISED; SdkError.
 */
export type RequestDataKeyErrorType = ApiError | SdkError;

/**
 * Asks the owner's node for a record's data key against a committed access: takes a fresh
 * challenge, signs the request (access, record, encryption key, challenge) and returns the key
 * wrapped to the encryption key. readRecord opens it.
 */
export async function requestDataKey(client: Client, parameters: RequestDataKeyParameters): Promise<RequestDataKeyReturnType> {
  const { wallet, signal } = parameters;
  const chainId = parameters.chainId ?? (await getStatus(client, { signal })).chainId;
  const challengePath = "/v1/datashare/keys/challenge";
  const { challenge } = checkAnswer(keyReleaseChallengeAnswerSchema, await request<unknown>(client, { method: "POST", path: challengePath, body: {}, signal }), `${client.url}${challengePath}`, "datashare.requestDataKey");
  const payload = { access: parameters.access, record: parameters.record, encryptionKey: toHex(parameters.encryptionKey), challenge };
  const signed = wallet.signTx({ chainId, nonce: 0, ...datashareKeyReleaseAuthorisation, payload, expiry: 0 });
  const path = "/v1/datashare/keys/release";
  return checkAnswer(keyReleaseAnswerSchema, await request<unknown>(client, { method: "POST", path, body: { request: toHex(signed.bytes) }, signal }), `${client.url}${path}`, "datashare.requestDataKey");
}
