import { type AnchorsByTimeAnswer, anchorsByTimeAnswerSchema } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import { invalidParameter } from "../errors.ts";
import { requireCount } from "../validation.ts";
import { evidenceLimits } from "./types.ts";

/** Query parameters are at most 15 digits. */
const timeMsMax = 999_999_999_999_999;

export type GetAnchorsByTimeParameters = {
  /** Earliest block time, milliseconds since the Unix epoch. */
  readonly from: number;
  /** Latest block time, inclusive. */
  readonly to: number;
  /** The `next` of the previous page. */
  readonly cursor?: number;
  readonly limit?: number;
  readonly signal?: AbortSignal;
};
export type GetAnchorsByTimeReturnType = AnchorsByTimeAnswer;

/** Anchors committed in blocks whose time lies in [from, to], oldest first, a page at a time. */
export function getAnchorsByTime(client: Client, parameters: GetAnchorsByTimeParameters): Promise<GetAnchorsByTimeReturnType> {
  const context = "evidence.anchors_by_time";
  const from = requireCount(context, "from", parameters.from, 0, timeMsMax);
  const to = requireCount(context, "to", parameters.to, 0, timeMsMax);
  if (from > to) throw invalidParameter(context, "from", `must not be after "to" (${from} > ${to})`);
  const start = parameters.cursor === undefined ? undefined : requireCount(context, "cursor", parameters.cursor, 0, Number.MAX_SAFE_INTEGER);
  const limit = parameters.limit === undefined ? undefined : requireCount(context, "limit", parameters.limit, 1, evidenceLimits.listPageMax);
  return queryAnswer(client, anchorsByTimeAnswerSchema, { module: "evidence", query: "anchors_by_time", parameters: { from, to, start, limit }, signal: parameters.signal });
}
