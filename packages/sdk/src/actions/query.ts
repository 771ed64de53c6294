import type { Client } from "../clients/createClient.ts";
import type { ApiError, SdkError } from "../errors.ts";
import { encodePathSegment, request } from "../transport/request.ts";
import type { JsonValue } from "../types.ts";
import { requireName } from "../validation.ts";

export type QueryParameters = {
  readonly module: string;
  readonly query: string;
  readonly parameters?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly signal?: AbortSignal;
};
export type QueryReturnType = JsonValue;
/** ApiError QUERY_NOT_FOUND (404) for an unknown query, or the module's own not-found code. */
export type QueryErrorType = ApiError | SdkError;

/** A module-defined read: GET /v1/query/:module/:query?parameters. The answer's shape is the module's. */
export function query<Answer = QueryReturnType>(client: Client, parameters: QueryParameters): Promise<Answer> {
  const module = requireName("query", "module", parameters.module);
  const name = requireName("query", "query", parameters.query);
  return request<Answer>(client, {
    method: "GET",
    path: `/v1/query/${encodePathSegment(module)}/${encodePathSegment(name)}`,
    query: parameters.parameters,
    signal: parameters.signal,
  });
}
