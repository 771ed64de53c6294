import { contractEventTypeBytesMax, contractEventsAnswerSchema, contractEventsLimitMax, utf8 } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import { type ApiError, type SdkError, invalidParameter } from "../errors.ts";
import { requireCount } from "../validation.ts";
import type { ContractEventsView } from "./types.ts";
import { requireContractName } from "./validation.ts";

export type GetEventsParameters = {
  readonly contract: string;
  /** Only events of this type (1 to 64 bytes of UTF-8). */
  readonly type?: string;
  readonly fromHeight?: number;
  readonly toHeight?: number;
  /** The position to list from: a previous answer's `next`. */
  readonly start?: number;
  /** How many events to answer, oldest first: 1 to 1,000; the node's default (100) when absent. */
  readonly limit?: number;
  readonly signal?: AbortSignal;
};
/** `next`, when present, is the `start` that continues the listing. */
export type GetEventsReturnType = ContractEventsView;
/** ApiError CONTRACT_NOT_FOUND (404) for a name no contract has. */
export type GetEventsErrorType = ApiError | SdkError;

function optionalCount(context: string, parameter: string, value: number | undefined, minimum: number, maximum: number): number | undefined {
  return value === undefined ? undefined : requireCount(context, parameter, value, minimum, maximum);
}

/** One page of a contract's events from the node's index of them (the `events` query), oldest first. */
export function getEvents(client: Client, parameters: GetEventsParameters): Promise<GetEventsReturnType> {
  const context = "contracts.events";
  const contract = requireContractName(context, "contract", parameters.contract);
  const { type } = parameters;
  if (type !== undefined && (typeof type !== "string" || type.length === 0 || utf8(type).length > contractEventTypeBytesMax)) {
    throw invalidParameter(context, "type", `must be an event type of 1 to ${contractEventTypeBytesMax} bytes, got ${JSON.stringify(type)}`);
  }
  const query = {
    contract,
    type,
    fromHeight: optionalCount(context, "fromHeight", parameters.fromHeight, 1, Number.MAX_SAFE_INTEGER),
    toHeight: optionalCount(context, "toHeight", parameters.toHeight, 1, Number.MAX_SAFE_INTEGER),
    start: optionalCount(context, "start", parameters.start, 0, Number.MAX_SAFE_INTEGER),
    limit: optionalCount(context, "limit", parameters.limit, 1, contractEventsLimitMax),
  };
  return queryAnswer(client, contractEventsAnswerSchema, { module: "contracts", query: "events", parameters: query, signal: parameters.signal });
}
