import { type ValidatorsAnswer, validatorsAnswerSchema } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import { requireCount } from "../validation.ts";

export type GetValidatorsParameters = { readonly height?: number; readonly signal?: AbortSignal };
export type GetValidatorsReturnType = ValidatorsAnswer;

/** The validator set deciding a height (default: the newest scheduled). */
export function getValidators(client: Client, parameters: GetValidatorsParameters = {}): Promise<GetValidatorsReturnType> {
  const height = parameters.height === undefined ? undefined : requireCount("governance.validators", "height", parameters.height, 0, Number.MAX_SAFE_INTEGER);
  return queryAnswer(client, validatorsAnswerSchema, { module: "governance", query: "validators", parameters: { height }, signal: parameters.signal });
}
