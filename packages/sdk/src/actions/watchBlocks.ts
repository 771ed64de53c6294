import type { Client } from "../clients/createClient.ts";
import type { SdkError } from "../errors.ts";
import { subscribe } from "../transport/webSocket.ts";
import type { BlockSummary } from "../types.ts";

export type WatchBlocksParameters = {
  readonly onBlock: (block: BlockSummary) => void;
  /** Connection failures and error messages; the subscription does not reconnect by itself. */
  readonly onError?: (error: SdkError) => void;
};
/** Call it to stop watching and close the connection. */
export type WatchBlocksReturnType = () => void;

/** Calls onBlock for every block the node commits from now on, over the /v1/ws WebSocket. */
export function watchBlocks(client: Client, parameters: WatchBlocksParameters): WatchBlocksReturnType {
  return subscribe(client, {
    message: { subscribe: "blocks" },
    onMessage: (message) => {
      if (message.type === "block" && typeof message.block === "object" && message.block !== null) parameters.onBlock(message.block as BlockSummary);
    },
    onError: parameters.onError ?? ((error) => console.error(error)),
  });
}
