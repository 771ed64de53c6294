import type { Client } from "../clients/createClient.ts";
import { type ApiError, type SdkError, invalidParameter } from "../errors.ts";
import { getBlock } from "../actions/getBlock.ts";
import { blocksPageSizeMax, getBlocks } from "../actions/getBlocks.ts";
import { getTransaction } from "../actions/getTransaction.ts";
import { requireCount } from "../validation.ts";
import { type ContractEventView, contractEvents } from "./contractEvents.ts";
import { requireContractName } from "./validation.ts";

/** Blocks one read may span, so a long chain is read in ranges rather than whole. */
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
export type GetContractEventsErrorType = ApiError | SdkError;

/**
 * The heights in [fromHeight, toHeight] whose blocks hold transactions, oldest first. The block
 * list names a hundred blocks per request with their transaction counts, so the empty blocks a
 * BFT chain makes while idle cost nothing more.
 */
async function heightsWithTransactions(client: Client, fromHeight: number, toHeight: number, signal: AbortSignal | undefined): Promise<number[]> {
  const heights: number[] = [];
  let before = toHeight + 1;
  while (before > fromHeight) {
    const { blocks } = await getBlocks(client, { before, limit: Math.min(blocksPageSizeMax, before - fromHeight), signal });
    for (const block of blocks) if (block.height >= fromHeight && block.header.txCount > 0) heights.push(block.height);
    const lowest = blocks.at(-1)?.height;
    if (lowest === undefined) break;
    before = lowest;
  }
  return heights.reverse();
}

/**
 * The events a contract emitted in a range of committed blocks. The node keeps no index of
 * events, so each transaction of a block that has any is read (GET /v1/txs/:hash); empty blocks
 * are skipped from the block list.
 */
export async function getContractEvents(client: Client, parameters: GetContractEventsParameters): Promise<GetContractEventsReturnType> {
  const context = "contracts.getContractEvents";
  const contract = requireContractName(context, "contract", parameters.contract);
  const fromHeight = requireCount(context, "fromHeight", parameters.fromHeight, 1, Number.MAX_SAFE_INTEGER);
  const toHeight = requireCount(context, "toHeight", parameters.toHeight, 1, Number.MAX_SAFE_INTEGER);
  if (toHeight < fromHeight) throw invalidParameter(context, "toHeight", `must be at least fromHeight (${fromHeight}), got ${toHeight}`);
  if (toHeight - fromHeight + 1 > contractEventBlocksMax) throw invalidParameter(context, "toHeight", `spans more than ${contractEventBlocksMax} blocks from fromHeight; read the range in parts`);
  const { signal } = parameters;
  const records: ContractEventRecord[] = [];
  for (const height of await heightsWithTransactions(client, fromHeight, toHeight, signal)) {
    const block = await getBlock(client, { height, signal });
    for (const txHash of block.txs) {
      const view = await getTransaction(client, { hash: txHash, signal });
      if (view.status !== "committed") continue;
      for (const event of contractEvents(view, contract)) records.push({ ...event, height, txHash });
    }
  }
  return records;
}
