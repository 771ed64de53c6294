import { unitViewSchema } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import type { ApiError, SdkError } from "../errors.ts";
import type { UnitView } from "./types.ts";
import { requireCode, requireDate } from "./validation.ts";

export type GetUnitParameters = {
  /** Any scanned form (GS1 element string, human-readable, Digital Link) or an EPC URI. */
  readonly udi: string;
  /** The day expiry is judged against, YYYY-MM-DD; by default the day of the latest trace transaction. */
  readonly date?: string;
  readonly signal?: AbortSignal;
};
export type GetUnitReturnType = UnitView;
/** ApiError TRACE_INVALID_UDI (400) for a code that is no UDI or EPC. An unknown code is an answer, not an error. */
export type GetUnitErrorType = ApiError | SdkError;

/** The current status of a scanned unit with every flag a person must see; a code never recorded answers `known: false`. */
export function getUnit(client: Client, parameters: GetUnitParameters): Promise<GetUnitReturnType> {
  const context = "trace.unit";
  const udi = requireCode(context, parameters.udi);
  const date = parameters.date === undefined ? undefined : requireDate(context, "date", parameters.date);
  return queryAnswer(client, unitViewSchema, { module: "trace", query: "unit", parameters: { udi, date }, signal: parameters.signal });
}
