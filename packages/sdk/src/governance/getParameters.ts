import { type ParametersAnswer, parametersAnswerSchema } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import { requireCount } from "../validation.ts";

export type GetParametersParameters = { readonly height?: number; readonly signal?: AbortSignal };
export type GetParametersReturnType = ParametersAnswer;

/** Every chain parameter with its bounds and the value in force at a height (default: the next). */
export function getParameters(client: Client, parameters: GetParametersParameters = {}): Promise<GetParametersReturnType> {
  const height = parameters.height === undefined ? undefined : requireCount("governance.parameters", "height", parameters.height, 0, Number.MAX_SAFE_INTEGER);
  return queryAnswer(client, parametersAnswerSchema, { module: "governance", query: "parameters", parameters: { height }, signal: parameters.signal });
}
