import { type ScheduledParametersAnswer, scheduledParametersAnswerSchema } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import { requireCount } from "../validation.ts";

export type GetScheduledParametersParameters = { readonly after?: number; readonly signal?: AbortSignal };
export type GetScheduledParametersReturnType = ScheduledParametersAnswer;

/** Approved parameter values that take effect after a height (default: the newest committed), by effective height. */
export function getScheduledParameters(client: Client, parameters: GetScheduledParametersParameters = {}): Promise<GetScheduledParametersReturnType> {
  const after = parameters.after === undefined ? undefined : requireCount("governance.scheduled_parameters", "after", parameters.after, 0, Number.MAX_SAFE_INTEGER);
  return queryAnswer(client, scheduledParametersAnswerSchema, { module: "governance", query: "scheduled_parameters", parameters: { after }, signal: parameters.signal });
}
