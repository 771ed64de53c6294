import {
  type KeyReleaseItem,
  datashareError,
  encryptionPublicKeyOf,
  fromHex,
  fromUtf8,
  keyReleaseBatchContext,
  keyReleaseBatchItemsMax,
  openSealedEnvelope,
  unwrapDataKeys,
} from "@kexin/core";
import { getStatus } from "../actions/getStatus.ts";
import { type EnvelopeCache, getEnvelope } from "../blobs/index.ts";
import type { Client } from "../clients/createClient.ts";
import { ApiError, SdkError, invalidParameter } from "../errors.ts";
import type { Wallet } from "../wallet/wallet.ts";
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
  readonly signal?: AbortSignal;
};
export type ReadRecordsResult =
  | { readonly status: "success"; readonly access: string; readonly record: string; readonly hash: string; readonly value: unknown }
  | { readonly status: "failure"; readonly access: string; readonly record: string; readonly error: Error };
/** One result per read, in order. */
export type ReadRecordsReturnType = readonly ReadRecordsResult[];
/**
 * Thrown: those of requestDataKeys for a whole request (no or another encryption key, a challenge
 * or signature refused), SdkError. Per read (a failure result): ApiError with the node's code for
 * that access (DATASHARE_ACCESS_NOT_FOUND, …_NOT_YOURS, DATASHARE_RECORD_NOT_IN_ACCESS,
 * DATASHARE_GRANT_REVOKED, …_EXPIRED, DATASHARE_KEY_NOT_HELD), DatashareError
 * DATASHARE_CIPHERTEXT_MISMATCH, SdkError for a ciphertext that cannot be downloaded.
 */
export type ReadRecordsErrorType = RequestDataKeysErrorType;

/**
 * Reads many records the wallet has accessed: for each batch of reads, one challenge and one signed
 * request to the owner's node release all their data keys, wrapped together to the wallet's
 * encryption key; each ciphertext is downloaded once per hash (or taken from `cache`), checked to
 * be the one published on chain, and decrypted here. The node never sees a plaintext, nor a key
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

async function readBatch(client: Client, parameters: ReadRecordsParameters & { readonly chainId: string; readonly encryptionKey: Uint8Array }, batch: readonly KeyReleaseItem[]): Promise<ReadRecordsResult[]> {
  const { wallet, chainId, signal } = parameters;
  const answer = await requestDataKeys(client, { wallet, items: batch, encryptionKey: parameters.encryptionKey, chainId, signal });
  const badAnswer = (reason: string) =>
    new SdkError({ code: "SDK_BAD_RESPONSE", url: `${client.url}/v1/datashare/keys/release-batch`, status: 200, reason }, `datashare.readRecords: ${reason}`);
  if (answer.items.length !== batch.length || answer.items.some((item, index) => item.access !== batch[index]?.access || item.record !== batch[index]?.record)) {
    throw badAnswer("the node answered other items than those asked for");
  }
  const released = answer.items.flatMap((item) => ("error" in item ? [] : [item]));
  let dataKeys: Uint8Array[] = [];
  if (released.length > 0) {
    if (answer.wrappedKeys === undefined) throw badAnswer("the node released keys without wrapping any");
    dataKeys = await unwrapDataKeys(wallet.suite, parameters.encryptionPrivateKey, fromHex(answer.wrappedKeys), keyReleaseBatchContext(chainId, released), released.length);
  }
  let next = 0;
  const keyOfItem = answer.items.map((item) => ("error" in item ? undefined : dataKeys[next++]));
  return Promise.all(
    answer.items.map(async (item, index): Promise<ReadRecordsResult> => {
      const { access, record } = item;
      if ("error" in item) return { status: "failure", access, record, error: new ApiError({ code: item.error.code, status: item.error.status, details: item.error.details }, item.error.message) };
      // unwrapDataKeys gave exactly one key per released item.
      const dataKey = keyOfItem[index] as Uint8Array;
      try {
        // The hash is the node's reading of committed state, the record as published; the ciphertext must hash to it.
        const mismatch = (actual: string) => datashareError("DATASHARE_CIPHERTEXT_MISMATCH", `the node's ciphertext of record "${record}" hashes to ${actual}, not the published ${item.hash}`, { record });
        const envelope = await getEnvelope(client, { service: "datashare", hash: item.hash, context: "datashare.readRecords", mismatch, cache: parameters.cache, signal });
        // getEnvelope checked these bytes against the hash when it downloaded them; hashing them again per read would check nothing new.
        const plaintext = openSealedEnvelope(envelope, dataKey);
        return { status: "success", access, record, hash: item.hash, value: JSON.parse(fromUtf8(plaintext)) as unknown };
      } catch (error) {
        return { status: "failure", access, record, error: error instanceof Error ? error : new Error(String(error)) };
      }
    }),
  );
}
