import { type LinkedChunkRecord, toHex } from "@kexin/core";
import type { TxCall } from "../call.ts";
import { invalidParameter } from "../errors.ts";
import { evidenceLimits } from "./types.ts";
import { requireIdentifier } from "./validation.ts";

export type ChunkPayload = {
  readonly sequence: number;
  readonly chunkHash: string;
  readonly deviceTimeMs: number;
  readonly latitudeMicrodegrees?: number;
  readonly longitudeMicrodegrees?: number;
  readonly batteryPercent?: number;
  readonly link: string;
};
export type AppendChunksParameters = { readonly sessionId: string; readonly chunks: readonly LinkedChunkRecord[] };
export type AppendChunksPayload = { readonly sessionId: string; readonly chunks: readonly ChunkPayload[] };
export type AppendChunksCall = TxCall<"evidence", "append_chunks", AppendChunksPayload>;

/**
 * Records linked chunks of an open session (link them with chunkBatches, or core's chainChunks);
 * the signer must be the session's device. The node checks every field and link.
 */
export function appendChunks(parameters: AppendChunksParameters): AppendChunksCall {
  const context = "evidence.append_chunks";
  const sessionId = requireIdentifier(context, "sessionId", parameters.sessionId);
  const { chunks } = parameters;
  if (!Array.isArray(chunks) || chunks.length === 0 || chunks.length > evidenceLimits.chunksPerTransactionMax) {
    throw invalidParameter(context, "chunks", `must hold 1 to ${evidenceLimits.chunksPerTransactionMax} records; split longer recordings with chunkBatches`);
  }
  return {
    module: "evidence",
    type: "append_chunks",
    payload: {
      sessionId,
      chunks: chunks.map((chunk, index) => {
        if (!(chunk.chunkHash instanceof Uint8Array) || !(chunk.link instanceof Uint8Array)) {
          throw invalidParameter(context, `chunks[${index}]`, "must have chunkHash and link as bytes");
        }
        return {
          sequence: chunk.sequence,
          chunkHash: toHex(chunk.chunkHash),
          deviceTimeMs: chunk.deviceTimeMs,
          ...(chunk.latitudeMicrodegrees === undefined ? {} : { latitudeMicrodegrees: chunk.latitudeMicrodegrees }),
          ...(chunk.longitudeMicrodegrees === undefined ? {} : { longitudeMicrodegrees: chunk.longitudeMicrodegrees }),
          ...(chunk.batteryPercent === undefined ? {} : { batteryPercent: chunk.batteryPercent }),
          link: toHex(chunk.link),
        };
      }),
    },
  };
}
