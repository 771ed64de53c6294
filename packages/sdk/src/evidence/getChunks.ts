import { chunksAnswerSchema, type ChunksAnswer } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import { requireCount } from "../validation.ts";
import { evidenceLimits } from "./types.ts";
import { requireIdentifier } from "./validation.ts";

export type GetChunksParameters = { readonly sessionId: string; readonly from?: number; readonly limit?: number; readonly signal?: AbortSignal };
export type GetChunksReturnType = ChunksAnswer;

/** One page (at most 1,000) of a session's chunks in sequence order. */
export function getChunks(client: Client, parameters: GetChunksParameters): Promise<GetChunksReturnType> {
  const context = "evidence.chunks";
  const sessionId = requireIdentifier(context, "sessionId", parameters.sessionId);
  const from = parameters.from === undefined ? undefined : requireCount(context, "from", parameters.from, 0, Number.MAX_SAFE_INTEGER);
  const limit = parameters.limit === undefined ? undefined : requireCount(context, "limit", parameters.limit, 1, evidenceLimits.chunkPageMax);
  return queryAnswer(client, chunksAnswerSchema, { module: "evidence", query: "chunks", parameters: { sessionId, from, limit }, signal: parameters.signal });
}
