import type { WireStatic } from "@kexin/core";
import type { TSchema } from "@sinclair/typebox";
import type { Client } from "../clients/createClient.ts";
import type { ApiError, SdkError } from "../errors.ts";
import { checkAnswer } from "../transport/checkAnswer.ts";
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

function queryPath(parameters: QueryParameters): string {
  const module = requireName("query", "module", parameters.module);
  const name = requireName("query", "query", parameters.query);
  return `/v1/query/${encodePathSegment(module)}/${encodePathSegment(name)}`;
}

/** A module-defined read: GET /v1/query/:module/:query?parameters. The answer's shape is the module's. */
export function query<Answer = QueryReturnType>(client: Client, parameters: QueryParameters): Promise<Answer> {
  return request<Answer>(client, { method: "GET", path: queryPath(parameters), query: parameters.parameters, signal: parameters.signal });
}

/**
 * A module-defined read whose answer is checked against the service's wire schema from
 * @kexin/core; SdkError SDK_BAD_RESPONSE names the first field that does not match.
 */
export function queryAnswer<Schema extends TSchema>(client: Client, schema: Schema, parameters: QueryParameters): Promise<WireStatic<Schema>> {
  const path = queryPath(parameters);
  return request<unknown>(client, { method: "GET", path, query: parameters.parameters, signal: parameters.signal }).then((answer) =>
    checkAnswer(schema, answer, `${client.url}${path}`, `${parameters.module}.${parameters.query}`),
  );
}
