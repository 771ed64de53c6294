import { type ValidatorScheduleAnswer, validatorScheduleAnswerSchema } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import { requireCount } from "../validation.ts";

export type GetValidatorScheduleParameters = { readonly offset?: number; readonly limit?: number; readonly signal?: AbortSignal };
export type GetValidatorScheduleReturnType = ValidatorScheduleAnswer;

/** Every validator set by the height it starts deciding (genesis from height 1), a page at a time (default: the first 20). */
export function getValidatorSchedule(client: Client, parameters: GetValidatorScheduleParameters = {}): Promise<GetValidatorScheduleReturnType> {
  const offset = requireCount("governance.validator_schedule", "offset", parameters.offset ?? 0, 0, 10_000);
  const limit = requireCount("governance.validator_schedule", "limit", parameters.limit ?? 20, 1, 100);
  return queryAnswer(client, validatorScheduleAnswerSchema, { module: "governance", query: "validator_schedule", parameters: { offset, limit }, signal: parameters.signal });
}
