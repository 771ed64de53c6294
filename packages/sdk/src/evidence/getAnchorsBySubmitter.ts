import { type AnchorsBySubmitterAnswer, anchorsBySubmitterAnswerSchema } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import { requireAddress, requireCount } from "../validation.ts";
import { evidenceLimits } from "./types.ts";

export type GetAnchorsBySubmitterParameters = { readonly address: string; readonly start?: number; readonly limit?: number; readonly signal?: AbortSignal };
export type GetAnchorsBySubmitterReturnType = AnchorsBySubmitterAnswer;

/** Anchors signed by one account, oldest first, a page at a time. */
export function getAnchorsBySubmitter(client: Client, parameters: GetAnchorsBySubmitterParameters): Promise<GetAnchorsBySubmitterReturnType> {
  const context = "evidence.anchors_by_submitter";
  const address = requireAddress(context, "address", parameters.address);
  const start = parameters.start === undefined ? undefined : requireCount(context, "start", parameters.start, 0, Number.MAX_SAFE_INTEGER);
  const limit = parameters.limit === undefined ? undefined : requireCount(context, "limit", parameters.limit, 1, evidenceLimits.listPageMax);
  return queryAnswer(client, anchorsBySubmitterAnswerSchema, { module: "evidence", query: "anchors_by_submitter", parameters: { address, start, limit }, signal: parameters.signal });
}
