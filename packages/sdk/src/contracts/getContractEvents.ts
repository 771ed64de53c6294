import { contractEventsLimitMax } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { type ApiError, SdkError, invalidParameter } from "../errors.ts";
import type { JsonValue } from "../types.ts";
import { requireCount } from "../validation.ts";
import type { ContractEventView } from "./contractEvents.ts";
import { getEvents } from "./getEvents.ts";
import { requireContractName } from "./validation.ts";

/** Blocks one read may span, so that one answer stays a bounded size; read a long chain in ranges. */
export const contractEventBlocksMax = 1_000;

export type GetContractEventsParameters = {
  readonly contract: string;
  readonly fromHeight: number;
  /** The last block to read; at most contractEventBlocksMax blocks from fromHeight. */
  readonly toHeight: number;
  readonly signal?: AbortSignal;
};
/** A contract event with the block and transaction that emitted it. */
export type ContractEventRecord = ContractEventView & { readonly height: number; readonly txHash: string };
/** Oldest first, in emission order within a transaction. */
export type GetContractEventsReturnType = readonly ContractEventRecord[];
/** ApiError CONTRACT_NOT_FOUND (404) for a name no contract has. */
export type GetContractEventsErrorType = ApiError | SdkError;

/**
 * The events a contract emitted in a range of committed blocks, from the node's index of contract
 * events (the `events` query), a thousand an answer, following `next` to the range's end.
 */
export async function getContractEvents(client: Client, parameters: GetContractEventsParameters): Promise<GetContractEventsReturnType> {
  const context = "contracts.getContractEvents";
  const contract = requireContractName(context, "contract", parameters.contract);
  const fromHeight = requireCount(context, "fromHeight", parameters.fromHeight, 1, Number.MAX_SAFE_INTEGER);
  const toHeight = requireCount(context, "toHeight", parameters.toHeight, 1, Number.MAX_SAFE_INTEGER);
  if (toHeight < fromHeight) throw invalidParameter(context, "toHeight", `must be at least fromHeight (${fromHeight}), got ${toHeight}`);
  if (toHeight - fromHeight + 1 > contractEventBlocksMax) throw invalidParameter(context, "toHeight", `spans more than ${contractEventBlocksMax} blocks from fromHeight; read the range in parts`);
  const records: ContractEventRecord[] = [];
  let start: number | undefined;
  do {
    const page = await getEvents(client, { contract, fromHeight, toHeight, start, limit: contractEventsLimitMax, signal: parameters.signal });
    for (const { height, txHash, type, data } of page.events) records.push({ contract, type, data: data as JsonValue, height, txHash });
    // Each answer must move forward or end the listing; a node answering otherwise would keep this loop going for ever.
    if (page.next !== undefined && page.next <= (start ?? -1)) {
      const reason = `the events query answered next ${page.next}, not past start ${String(start)}`;
      throw new SdkError({ code: "SDK_BAD_RESPONSE", url: client.url, status: 200, reason }, `${context}: ${reason}; is the node of another version than this SDK?`);
    }
    start = page.next;
  } while (start !== undefined);
  return records;
}
