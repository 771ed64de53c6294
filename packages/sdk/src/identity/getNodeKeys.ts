import { type NodeKeysAnswer, nodeKeysAnswerSchema } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import { requireCount, requireName } from "../validation.ts";

export type GetNodeKeysParameters = { readonly org: string; readonly offset?: number; readonly limit?: number; readonly signal?: AbortSignal };
export type GetNodeKeysReturnType = NodeKeysAnswer;

/** One page of an organisation's node keys (genesis ones included) in key order; the answer's `next` is the following page's offset. */
export function getNodeKeys(client: Client, parameters: GetNodeKeysParameters): Promise<GetNodeKeysReturnType> {
  const org = requireName("identity.node_keys", "org", parameters.org);
  const offset = requireCount("identity.node_keys", "offset", parameters.offset ?? 0, 0, 100_000);
  const limit = requireCount("identity.node_keys", "limit", parameters.limit ?? 50, 1, 100);
  return queryAnswer(client, nodeKeysAnswerSchema, { module: "identity", query: "node_keys", parameters: { org, offset, limit }, signal: parameters.signal });
}
