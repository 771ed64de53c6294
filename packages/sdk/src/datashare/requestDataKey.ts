import { type KeyReleaseAnswer, datashareKeyReleaseAuthorisation, keyReleaseAnswerSchema, toHex } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import type { ApiError, SdkError } from "../errors.ts";
import type { Wallet } from "../wallet/wallet.ts";
import { signedNodeRequest } from "./signedNodeRequest.ts";

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
 * Asks the owner's node for a record's data key against a committed access, on the single-key
 * route: takes a fresh challenge, signs the request (access, record, encryption key, challenge)
 * and returns the key wrapped to the encryption key (open it with unwrapDataKey and
 * keyReleaseContext). readRecord and readRecords use the batch route instead (requestDataKeys).
 */
export function requestDataKey(client: Client, parameters: RequestDataKeyParameters): Promise<RequestDataKeyReturnType> {
  return signedNodeRequest(client, {
    ...parameters,
    authorisation: datashareKeyReleaseAuthorisation,
    payload: (challenge) => ({ access: parameters.access, record: parameters.record, encryptionKey: toHex(parameters.encryptionKey), challenge }),
    path: "/v1/datashare/keys/release",
    answerSchema: keyReleaseAnswerSchema,
    action: "datashare.requestDataKey",
  });
}
