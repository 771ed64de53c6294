import { type RecordingDiagnosis, diagnoseRecording, fromHex, isHex } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { invalidParameter } from "../errors.ts";
import { getRecording } from "./getRecording.ts";
import type { SessionView } from "./types.ts";

export type VerifyRecordingParameters = {
  readonly sessionId: string;
  /** The presented recording's chunk hashes in the order presented (hashContent of each chunk), as bytes or hex. */
  readonly chunkHashes: readonly (Uint8Array | string)[];
  readonly signal?: AbortSignal;
};
export type VerifyRecordingReturnType = RecordingDiagnosis & { readonly session: SessionView };

/**
 * Compares a presented recording with the chunks its session recorded on chain and says exactly
 * which chunks are missing, reordered, altered, extra or duplicated (core's diagnoseRecording).
 */
export async function verifyRecording(client: Client, parameters: VerifyRecordingParameters): Promise<VerifyRecordingReturnType> {
  const presented = parameters.chunkHashes.map((hash, index) => {
    if (hash instanceof Uint8Array) return hash;
    if (isHex(hash)) return fromHex(hash);
    throw invalidParameter("evidence.verifyRecording", `chunkHashes[${index}]`, "must be bytes or hex");
  });
  const { session, chunks } = await getRecording(client, parameters);
  return { ...diagnoseRecording(chunks, presented), session };
}
