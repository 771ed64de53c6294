import {
  type KeyReleaseItem,
  type RecordKeys,
  datashareError,
  decodeSealedRecord,
  encryptionPublicKeyOf,
  fromHex,
  keyReleaseBatchContext,
  keyReleaseBatchItemsMax,
  openRecordFields,
  releasedKeyCount,
  unwrapDataKeys,
} from "@kexin/core";
import { getStatus } from "../actions/getStatus.ts";
import { type EnvelopeCache, getEnvelope } from "../blobs/index.ts";
import type { Client } from "../clients/createClient.ts";
import { ApiError, SdkError, invalidParameter } from "../errors.ts";
import type { Wallet } from "../wallet/wallet.ts";
import type { ChallengePool } from "./challengePool.ts";
import { type RequestDataKeysErrorType, requestDataKeys } from "./requestDataKeys.ts";

export type ReadRecordsParameters = {
  readonly wallet: Wallet;
  /** The private half of the wallet's registered encryption key. */
  readonly encryptionPrivateKey: Uint8Array;
  /** Committed access transactions of the wallet and the record each read, in any number; sent keyReleaseBatchItemsMax at a time. */
  readonly reads: readonly KeyReleaseItem[];
  readonly chainId?: string;
  /** Ciphertexts already downloaded (checked against their hash), shared between calls: a record read again costs no download. */
  readonly cache?: EnvelopeCache;
  /** Challenges of this node kept from earlier answers, shared between calls: a read after the first asks for none. */
  readonly challenges?: ChallengePool;
  readonly signal?: AbortSignal;
};
/** A record read: under a grant of some fields (`grantedFields`), `value` holds those of them the record has, and nothing else. */
export type ReadRecordSuccess = {
  readonly status: "success";
  readonly access: string;
  readonly record: string;
  readonly hash: string;
  /** The record, with the fields the released keys open and only those. */
  readonly value: Record<string, unknown>;
  /** The fields present in `value`, in increasing order. */
  readonly fields: readonly string[];
  /** The fields the access was granted, when it was a grant of named fields; absent when the whole record was released. */
  readonly grantedFields?: readonly string[];
  /** The record's other fields: in its ciphertext, but no key of theirs was released. */
  readonly withheldFields: readonly string[];
};
export type ReadRecordsResult =
  | ReadRecordSuccess
  | { readonly status: "failure"; readonly access: string; readonly record: string; readonly error: Error };
/** One result per read, in order. */
export type ReadRecordsReturnType = readonly ReadRecordsResult[];
/**
 * Thrown: those of requestDataKeys for a whole request (no or another encryption key, a challenge
 * or signature refused), SdkError. Per read (a failure result): ApiError with the node's code for
 * that access (DATASHARE_ACCESS_NOT_FOUND, …_NOT_YOURS, DATASHARE_RECORD_NOT_IN_ACCESS,
 * DATASHARE_GRANT_REVOKED, …_EXPIRED, DATASHARE_KEY_NOT_HELD), DatashareError
 * DATASHARE_CIPHERTEXT_MISMATCH, DATASHARE_SEALED_RECORD_INVALID, DATASHARE_FIELD_OPEN_FAILED,
 * SdkError for a ciphertext that cannot be downloaded.
 */
export type ReadRecordsErrorType = RequestDataKeysErrorType;

/**
 * Reads many records the wallet has accessed: for each batch of reads, one challenge and one signed
 * request to the owner's node release all their data keys, wrapped together to the wallet's
 * encryption key (a record's data key, or under a grant of named fields those fields' keys only);
 * each ciphertext is downloaded once per hash (or taken from `cache`), checked to be the one
 * published on chain, and the fields the keys open are decrypted here. The node never sees a plaintext, nor a key
 * unwrapped in transit. A refused read does not stop the others: its result carries the error.
 */
export async function readRecords(client: Client, parameters: ReadRecordsParameters): Promise<ReadRecordsReturnType> {
  const { wallet, encryptionPrivateKey, reads, signal } = parameters;
  if (!Array.isArray(reads) || reads.length === 0) throw invalidParameter("datashare.readRecords", "reads", "must list at least one access and record");
  const chainId = parameters.chainId ?? (await getStatus(client, { signal })).chainId;
  const encryptionKey = encryptionPublicKeyOf(wallet.suite, encryptionPrivateKey);
  const results: ReadRecordsResult[] = [];
  for (let start = 0; start < reads.length; start += keyReleaseBatchItemsMax) {
    const batch = reads.slice(start, start + keyReleaseBatchItemsMax);
    results.push(...(await readBatch(client, { ...parameters, chainId, encryptionKey }, batch)));
  }
  return results;
}

const sealedRecordCipher = (bytes: Uint8Array) => decodeSealedRecord(bytes).cipher;

async function readBatch(client: Client, parameters: ReadRecordsParameters & { readonly chainId: string; readonly encryptionKey: Uint8Array }, batch: readonly KeyReleaseItem[]): Promise<ReadRecordsResult[]> {
  const { wallet, chainId, signal } = parameters;
  const answer = await requestDataKeys(client, { wallet, items: batch, encryptionKey: parameters.encryptionKey, chainId, challenges: parameters.challenges, signal });
  const badAnswer = (reason: string) =>
    new SdkError({ code: "SDK_BAD_RESPONSE", url: `${client.url}/v1/datashare/keys/release-batch`, status: 200, reason }, `datashare.readRecords: ${reason}`);
  if (answer.items.length !== batch.length || answer.items.some((item, index) => item.access !== batch[index]?.access || item.record !== batch[index]?.record)) {
    throw badAnswer("the node answered other items than those asked for");
  }
  const released = answer.items.flatMap((item) => ("error" in item ? [] : [item]));
  let releasedKeys: Uint8Array[] = [];
  if (released.length > 0) {
    if (answer.wrappedKeys === undefined) throw badAnswer("the node released keys without wrapping any");
    releasedKeys = await unwrapDataKeys(wallet.suite, parameters.encryptionPrivateKey, fromHex(answer.wrappedKeys), keyReleaseBatchContext(chainId, released), releasedKeyCount(released));
  }
  let next = 0;
  const keysOfItem = answer.items.map((item): RecordKeys | undefined => {
    if ("error" in item) return undefined;
    if (item.fields === undefined) return { dataKey: releasedKeys[next++] as Uint8Array };
    return { fieldKeys: new Map(item.fields.map((field) => [field, releasedKeys[next++] as Uint8Array])) };
  });
  return Promise.all(
    answer.items.map(async (item, index): Promise<ReadRecordsResult> => {
      const { access, record } = item;
      if ("error" in item) return { status: "failure", access, record, error: new ApiError({ code: item.error.code, status: item.error.status, details: item.error.details }, item.error.message) };
      // unwrapDataKeys gave exactly the keys of every released item.
      const keys = keysOfItem[index] as RecordKeys;
      try {
        // The hash is the node's reading of committed state, the record as published; the ciphertext must hash to it.
        const mismatch = (actual: string) => datashareError("DATASHARE_CIPHERTEXT_MISMATCH", `the node's ciphertext of record "${record}" hashes to ${actual}, not the published ${item.hash}`, { record });
        const envelope = await getEnvelope(client, { service: "datashare", hash: item.hash, context: "datashare.readRecords", mismatch, cipherOf: sealedRecordCipher, cache: parameters.cache, signal });
        const opened = openRecordFields(wallet.suite, record, envelope, keys);
        return { status: "success", access, record, hash: item.hash, ...opened, ...(item.fields !== undefined ? { grantedFields: item.fields } : {}) };
      } catch (error) {
        return { status: "failure", access, record, error: error instanceof Error ? error : new Error(String(error)) };
      }
    }),
  );
}
