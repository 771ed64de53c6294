import { alertsAnswerSchema, type AlertsAnswer } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import { type ApiError, type SdkError, invalidParameter } from "../errors.ts";
import { requireCount } from "../validation.ts";
import { type AlertRule, alertRules, traceLimits } from "./types.ts";
import { requireGtin } from "./validation.ts";

/** A block time: milliseconds since the Unix epoch, a Date, or ISO 8601 text with an offset. */
export type BlockTimeParameter = number | Date | string;

export type GetAlertsParameters = {
  readonly rule?: AlertRule;
  readonly gtin?: string;
  /** Alerts committed at or after this block time. */
  readonly from?: BlockTimeParameter;
  /** Alerts committed at or before this block time. */
  readonly to?: BlockTimeParameter;
  /** The `next` of the previous page. */
  readonly before?: number;
  /** Default 100, at most 1,000. */
  readonly limit?: number;
  readonly signal?: AbortSignal;
};
export type GetAlertsReturnType = AlertsAnswer;
export type GetAlertsErrorType = ApiError | SdkError;

function blockTime(context: string, parameter: string, value: BlockTimeParameter): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime()) || value.getTime() < 0) throw invalidParameter(context, parameter, "must be a valid date after 1970");
    return String(value.getTime());
  }
  if (typeof value === "number") return String(requireCount(context, parameter, value, 0, 999_999_999_999_999));
  if (typeof value === "string" && value.length > 0 && value.length <= 40) return value;
  throw invalidParameter(context, parameter, "must be milliseconds since the Unix epoch, a Date, or an ISO 8601 date-time such as 2026-03-01T00:00:00Z");
}

/** Alerts newest first, optionally of one rule or product and within block times; page with `before: next`. */
export function getAlerts(client: Client, parameters: GetAlertsParameters = {}): Promise<GetAlertsReturnType> {
  const context = "trace.alerts";
  if (parameters.rule !== undefined && !(alertRules as readonly string[]).includes(parameters.rule)) {
    throw invalidParameter(context, "rule", `must be one of ${alertRules.join(", ")}, got ${JSON.stringify(parameters.rule)}`);
  }
  const gtin = parameters.gtin === undefined ? undefined : requireGtin(context, "gtin", parameters.gtin);
  const from = parameters.from === undefined ? undefined : blockTime(context, "from", parameters.from);
  const to = parameters.to === undefined ? undefined : blockTime(context, "to", parameters.to);
  const before = parameters.before === undefined ? undefined : requireCount(context, "before", parameters.before, 0, 999_999_999_999_999);
  const limit = parameters.limit === undefined ? undefined : requireCount(context, "limit", parameters.limit, 1, traceLimits.alertsPerQueryMax);
  return queryAnswer(client, alertsAnswerSchema, {
    module: "trace",
    query: "alerts",
    parameters: { rule: parameters.rule, gtin, from, to, before, limit },
    signal: parameters.signal,
  });
}
