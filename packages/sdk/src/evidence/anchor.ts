import type { TxCall } from "../call.ts";
import { requireCount, requireHash } from "../validation.ts";
import { evidenceLimits } from "./types.ts";
import { requireFreeText, requireMediaType, requireTags } from "./validation.ts";

export type AnchorParameters = {
  /** The content's hash under the chain's suite (hashContent), 64 hex digits. */
  readonly hash: string;
  /** The content's length in bytes. */
  readonly size: number;
  /** Defaults to application/octet-stream. */
  readonly mediaType?: string;
  readonly title?: string;
  readonly caseNumber?: string;
  readonly tags?: readonly string[];
};
export type AnchorPayload = {
  readonly hash: string;
  readonly size: number;
  readonly mediaType: string;
  readonly title: string;
  readonly caseNumber: string;
  readonly tags: readonly string[];
};
export type AnchorCall = TxCall<"evidence", "anchor", AnchorPayload>;

export const defaultMediaType = "application/octet-stream";

/** Anchors a content hash with its metadata; the content itself never leaves the client. Any registered account may sign it. */
export function anchor(parameters: AnchorParameters): AnchorCall {
  const context = "evidence.anchor";
  return {
    module: "evidence",
    type: "anchor",
    payload: {
      hash: requireHash(context, "hash", parameters.hash),
      size: requireCount(context, "size", parameters.size, 0, Number.MAX_SAFE_INTEGER),
      mediaType: requireMediaType(context, parameters.mediaType ?? defaultMediaType),
      title: requireFreeText(context, "title", parameters.title ?? "", evidenceLimits.titleLengthMax, true),
      caseNumber: requireFreeText(context, "caseNumber", parameters.caseNumber ?? "", evidenceLimits.caseNumberLengthMax, true),
      tags: requireTags(context, parameters.tags ?? []),
    },
  };
}
