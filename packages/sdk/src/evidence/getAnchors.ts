import { anchorsAnswerSchema, type AnchorsAnswer } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import { requireCount, requireHash } from "../validation.ts";
import { evidenceLimits } from "./types.ts";

export type GetAnchorsParameters = { readonly hash: string; readonly start?: number; readonly limit?: number; readonly signal?: AbortSignal };
export type GetAnchorsReturnType = AnchorsAnswer;

/** Every anchoring of a content hash, first-seen first; ApiError NOT_FOUND (404) when it was never anchored. */
export function getAnchors(client: Client, parameters: GetAnchorsParameters): Promise<GetAnchorsReturnType> {
  const context = "evidence.anchors";
  const hash = requireHash(context, "hash", parameters.hash);
  const start = parameters.start === undefined ? undefined : requireCount(context, "start", parameters.start, 0, Number.MAX_SAFE_INTEGER);
  const limit = parameters.limit === undefined ? undefined : requireCount(context, "limit", parameters.limit, 1, evidenceLimits.listPageMax);
  return queryAnswer(client, anchorsAnswerSchema, { module: "evidence", query: "anchors", parameters: { hash, start, limit }, signal: parameters.signal });
}
