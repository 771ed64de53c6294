import type { Client } from "../clients/createClient.ts";
import type { ApiError, SdkError } from "../errors.ts";
import { request } from "../transport/request.ts";
import type { StatusView } from "../types.ts";

export type GetStatusParameters = { readonly signal?: AbortSignal };
export type GetStatusReturnType = StatusView;
export type GetStatusErrorType = ApiError | SdkError;

/** The chain's identity and the node's view of it: GET /v1/status. */
export function getStatus(client: Client, parameters: GetStatusParameters = {}): Promise<GetStatusReturnType> {
  return request<StatusView>(client, { method: "GET", path: "/v1/status", signal: parameters.signal });
}
