import type { Client } from "../clients/createClient.ts";
import type { Wallet } from "../wallet/wallet.ts";
import type { EnvelopeCache } from "../blobs/index.ts";
import { type ReadRecordSuccess, readRecords } from "./readRecords.ts";
import type { RequestDataKeyErrorType } from "./requestDataKey.ts";

export type ReadRecordParameters = {
  readonly wallet: Wallet;
  /** The private half of the wallet's registered encryption key. */
  readonly encryptionPrivateKey: Uint8Array;
  /** The committed access transaction's hash. */
  readonly access: string;
  readonly record: string;
  readonly chainId?: string;
  /** Ciphertexts already downloaded, as readRecords takes them. */
  readonly cache?: EnvelopeCache;
  readonly signal?: AbortSignal;
};
/** The record with the fields released to the wallet (`fields`), and those withheld under a grant of named fields. */
export type ReadRecordReturnType = Omit<ReadRecordSuccess, "status" | "access">;
/** Those of requestDataKey; DatashareError DATASHARE_CIPHERTEXT_MISMATCH when the node's ciphertext is not the published one. */
export type ReadRecordErrorType = RequestDataKeyErrorType;

/**
 * Reads a record the wallet has accessed: readRecords with one read, whose refusal is thrown. The
 * data key comes from the owner's node wrapped to the wallet's encryption key; the ciphertext must
 * be the one published on chain and is decrypted here.
 */
export async function readRecord(client: Client, parameters: ReadRecordParameters): Promise<ReadRecordReturnType> {
  const { access, record, ...rest } = parameters;
  const [result] = await readRecords(client, { ...rest, reads: [{ access, record }] });
  if (result === undefined) throw new Error("readRecords answered no result for one read");
  if (result.status === "failure") throw result.error;
  const { status: _status, access: _access, ...read } = result;
  return read;
}
