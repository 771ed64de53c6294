import type { Client } from "../clients/createClient.ts";
import { query } from "../actions/query.ts";
import type { ApiError, SdkError } from "../errors.ts";
import type { EpcisDocumentJson } from "./types.ts";
import { requireCode } from "./validation.ts";

export type ExportHistoryParameters = { readonly udi: string; readonly signal?: AbortSignal };
export type ExportHistoryReturnType = EpcisDocumentJson;
/** ApiError NOT_FOUND (404) for a unit never recorded; TRACE_BAD_QUERY (400) for one with more than 1,000 steps. */
export type ExportHistoryErrorType = ApiError | SdkError;

/**
 * A unit's history as an EPCIS 2.0 JSON document, its EPC lists narrowed to the unit and the case
 * or pallet it travelled in. Re-imported in the same order by the same organisations (one
 * import_epcis per run of one organisation's steps), it records the same events.
 */
export function exportHistory(client: Client, parameters: ExportHistoryParameters): Promise<ExportHistoryReturnType> {
  const udi = requireCode("trace.export", parameters.udi);
  return query<ExportHistoryReturnType>(client, { module: "trace", query: "export", parameters: { udi }, signal: parameters.signal });
}
