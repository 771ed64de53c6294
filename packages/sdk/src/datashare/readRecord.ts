import { datashareError, encryptionPublicKeyOf, fromHex, fromUtf8, keyReleaseContext, openSealedEnvelope, unwrapDataKey } from "@kexin/core";
import { getStatus } from "../actions/getStatus.ts";
import { getEnvelope } from "../blobs/index.ts";
import type { Client } from "../clients/createClient.ts";
import type { Wallet } from "../wallet/wallet.ts";
import { getRecord } from "./getRecord.ts";
import { type RequestDataKeyErrorType, requestDataKey } from "./requestDataKey.ts";

export type ReadRecordParameters = {
  readonly wallet: Wallet;
  /** The private half of the wallet's registered encryption key. */
  readonly encryptionPrivateKey: Uint8Array;
  /** The committed access transaction's hash. */
  readonly access: string;
  readonly record: string;
  readonly signal?: AbortSignal;
};
export type ReadRecordReturnType = { readonly record: string; readonly hash: string; readonly value: unknown };
/** Those of requestDataKey; DatashareError DATASHARE_CIPHERTEXT_MISMATCH when the node's ciphertext is not the published one. */
export type ReadRecordErrorType = RequestDataKeyErrorType;

/**
 * Reads a record the wallet has accessed: obtains its data key from the owner's node (wrapped to
 * the wallet's encryption key), downloads the ciphertext, checks it is the one published on chain
 * and decrypts it here. The node never sees the plaintext, nor the key unwrapped in transit.
 */
export async function readRecord(client: Client, parameters: ReadRecordParameters): Promise<ReadRecordReturnType> {
  const { wallet, signal } = parameters;
  const chainId = (await getStatus(client, { signal })).chainId;
  const published = await getRecord(client, { id: parameters.record, signal });
  const encryptionKey = encryptionPublicKeyOf(wallet.suite, parameters.encryptionPrivateKey);
  const released = await requestDataKey(client, { wallet, access: parameters.access, record: parameters.record, encryptionKey, chainId, signal });
  const mismatch = (actual: string) =>
    datashareError("DATASHARE_CIPHERTEXT_MISMATCH", `the node's ciphertext of record "${published.id}" hashes to ${actual}, not the published ${published.hash}`, { record: published.id });
  const envelope = await getEnvelope(client, { service: "datashare", hash: published.hash, context: "datashare.readRecord", mismatch, signal });
  const dataKey = await unwrapDataKey(wallet.suite, parameters.encryptionPrivateKey, fromHex(released.wrappedKey), keyReleaseContext(chainId, parameters.access, parameters.record));
  const plaintext = openSealedEnvelope(envelope, dataKey, { expectedHash: published.hash });
  return { record: published.id, hash: published.hash, value: JSON.parse(fromUtf8(plaintext)) as unknown };
}
