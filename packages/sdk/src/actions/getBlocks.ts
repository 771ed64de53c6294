import type { Client } from "../clients/createClient.ts";
import type { ApiError, SdkError } from "../errors.ts";
import { request } from "../transport/request.ts";
import type { BlockView } from "../types.ts";
import { requireCount } from "../validation.ts";

export const blocksPageSizeMax = 100;

export type GetBlocksParameters = {
  /** Only blocks below this height; omit for the newest. */
  readonly before?: number;
  readonly limit?: number;
  readonly signal?: AbortSignal;
};
export type GetBlocksReturnType = { readonly blocks: readonly Omit<BlockView, "txs">[] };
export type GetBlocksErrorType = ApiError | SdkError;

/** A page of blocks, newest first, without their transaction lists: GET /v1/blocks?before=&limit=. */
export function getBlocks(client: Client, parameters: GetBlocksParameters = {}): Promise<GetBlocksReturnType> {
  const before = parameters.before === undefined ? undefined : requireCount("getBlocks", "before", parameters.before, 1, Number.MAX_SAFE_INTEGER);
  const limit = parameters.limit === undefined ? undefined : requireCount("getBlocks", "limit", parameters.limit, 1, blocksPageSizeMax);
  return request<GetBlocksReturnType>(client, { method: "GET", path: "/v1/blocks", query: { before, limit }, signal: parameters.signal });
}
