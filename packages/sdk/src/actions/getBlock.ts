import type { Client } from "../clients/createClient.ts";
import { type ApiError, type SdkError, invalidParameter } from "../errors.ts";
import { request } from "../transport/request.ts";
import type { BlockView } from "../types.ts";
import { requireCount, requireHash } from "../validation.ts";

/** Give a height or a hash; give neither for the latest block. */
export type GetBlockParameters = {
  readonly height?: number;
  readonly hash?: string;
  readonly signal?: AbortSignal;
};
export type GetBlockReturnType = BlockView;
/** ApiError BLOCK_NOT_FOUND (404) when the block does not exist (yet). */
export type GetBlockErrorType = ApiError | SdkError;

/** One block with its header, transaction hashes and commit: GET /v1/blocks/:heightOrHash or /v1/blocks/latest. */
export function getBlock(client: Client, parameters: GetBlockParameters = {}): Promise<GetBlockReturnType> {
  if (parameters.height !== undefined && parameters.hash !== undefined) {
    throw invalidParameter("getBlock", "height", 'and "hash" cannot both be given; pick one');
  }
  let target = "latest";
  if (parameters.height !== undefined) target = String(requireCount("getBlock", "height", parameters.height, 1, Number.MAX_SAFE_INTEGER));
  if (parameters.hash !== undefined) target = requireHash("getBlock", "hash", parameters.hash);
  return request<BlockView>(client, { method: "GET", path: `/v1/blocks/${target}`, signal: parameters.signal });
}
