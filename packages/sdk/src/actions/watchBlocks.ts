import type { Client } from "../clients/createClient.ts";
import type { SdkError } from "../errors.ts";
import { subscribe } from "../transport/webSocket.ts";
import type { BlockSummary } from "../types.ts";

export type WatchBlocksParameters = {
  readonly onBlock: (block: BlockSummary) => void;
  /** Replay committed blocks from this height first (at most 1,000 behind the head), then continue live without a gap. */
  readonly fromHeight?: number;
  /** Connection failures and error messages; the subscription does not reconnect by itself. */
  readonly onError?: (error: SdkError) => void;
};
/** Call it to stop watching and close the connection. */
export type WatchBlocksReturnType = () => void;

/** Calls onBlock for every block the node commits from now on, or from `fromHeight`, over the /v1/ws WebSocket. */
export function watchBlocks(client: Client, parameters: WatchBlocksParameters): WatchBlocksReturnType {
  return subscribe(client, {
    message: { subscribe: "blocks", ...(parameters.fromHeight !== undefined ? { fromHeight: parameters.fromHeight } : {}) },
    onMessage: (message) => {
      if (message.type === "block" && typeof message.block === "object" && message.block !== null) parameters.onBlock(message.block as BlockSummary);
    },
    onError: parameters.onError ?? ((error) => console.error(error)),
  });
}
