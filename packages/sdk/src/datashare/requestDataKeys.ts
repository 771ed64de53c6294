import { type KeyBatchReleaseAnswer, type KeyReleaseItem, datashareKeyBatchReleaseAuthorisation, keyBatchReleaseAnswerSchema, keyReleaseBatchItemsMax, toHex } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { type ApiError, type SdkError, invalidParameter } from "../errors.ts";
import type { Wallet } from "../wallet/wallet.ts";
import type { ChallengePool } from "./challengePool.ts";
import { signedNodeRequest } from "./signedNodeRequest.ts";

export type RequestDataKeysParameters = {
  /** The requester: the signer of every access transaction named. */
  readonly wallet: Wallet;
  /** Committed accesses and the record of each whose key is wanted; at most keyReleaseBatchItemsMax. */
  readonly items: readonly KeyReleaseItem[];
  /** The requester's registered encryption public key, to which the node wraps the data keys. */
  readonly encryptionKey: Uint8Array;
  readonly chainId?: string;
  /** Challenges of this node kept from earlier answers; the answer's next one is kept in it. */
  readonly challenges?: ChallengePool;
  readonly signal?: AbortSignal;
};
/** One entry per item in order, released or refused with its error; the released keys wrapped together in `wrappedKeys`. */
export type RequestDataKeysReturnType = KeyBatchReleaseAnswer;
/**
 * For the whole request: ApiError DATASHARE_NO_ENCRYPTION_KEY, DATASHARE_KEY_MISMATCH,
 * DATASHARE_CHALLENGE_UNKNOWN, DATASHARE_REQUEST_UNAUTHORISED; SdkError. Per item (in the answer):
 * the codes of requestDataKey's refusals of one access.
 */
export type RequestDataKeysErrorType = ApiError | SdkError;

/**
 * Asks the owner's node for the data keys of many committed accesses with one challenge and one
 * signature. readRecords opens the answer; use this directly only to handle wrapped keys yourself.
 */
export function requestDataKeys(client: Client, parameters: RequestDataKeysParameters): Promise<RequestDataKeysReturnType> {
  const { items } = parameters;
  if (!Array.isArray(items) || items.length === 0 || items.length > keyReleaseBatchItemsMax) {
    throw invalidParameter("datashare.requestDataKeys", "items", `must list 1 to ${keyReleaseBatchItemsMax} accesses and records`);
  }
  return signedNodeRequest(client, {
    ...parameters,
    authorisation: datashareKeyBatchReleaseAuthorisation,
    payload: (challenge) => ({ items: items.map(({ access, record }) => ({ access, record })), encryptionKey: toHex(parameters.encryptionKey), challenge }),
    path: "/v1/datashare/keys/release-batch",
    answerSchema: keyBatchReleaseAnswerSchema,
    action: "datashare.requestDataKeys",
  });
}
