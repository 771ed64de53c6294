import { historyViewSchema } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import type { ApiError, SdkError } from "../errors.ts";
import { requireCount } from "../validation.ts";
import { type HistoryView, traceLimits } from "./types.ts";
import { requireCode, requireDate } from "./validation.ts";

export type GetHistoryParameters = {
  readonly udi: string;
  readonly date?: string;
  /** The first step to return: 0, or the `next` of the previous page. */
  readonly after?: number;
  /** At most 1,000 steps (the default). */
  readonly limit?: number;
  readonly signal?: AbortSignal;
};
export type GetHistoryReturnType = HistoryView;
export type GetHistoryErrorType = ApiError | SdkError;

/** A unit's status and its steps in recorded order, each with the recording organisation and the transaction that proves it. */
export function getHistory(client: Client, parameters: GetHistoryParameters): Promise<GetHistoryReturnType> {
  const context = "trace.history";
  const udi = requireCode(context, parameters.udi);
  const date = parameters.date === undefined ? undefined : requireDate(context, "date", parameters.date);
  const after = parameters.after === undefined ? undefined : requireCount(context, "after", parameters.after, 0, 999_999_999_999_999);
  const limit = parameters.limit === undefined ? undefined : requireCount(context, "limit", parameters.limit, 1, traceLimits.historyStepsPerQueryMax);
  return queryAnswer(client, historyViewSchema, { module: "trace", query: "history", parameters: { udi, date, after, limit }, signal: parameters.signal });
}
