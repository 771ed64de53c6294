import { blockLimitsBound } from "../../blockPipeline/blockParameters.ts";

export interface SoloOptions {
  /**
   * The most transactions and bytes in one block (this node's own caps; a block never holds more
   * than the chain parameters block.txsMax and block.bytesMax allow at its height).
   */
  readonly blockTxsMax: number;
  readonly blockBytesMax: number;
  /**
   * How long a transaction that finds the engine idle waits for others before its block is cut
   * (0: on the next turn of the event loop). Under load no block waits: the next one starts as soon
   * as the previous one is committed, holding what arrived meanwhile.
   */
  readonly idleBlockDelayMs: number;
}

export const defaultSoloOptions: SoloOptions = {
  blockTxsMax: blockLimitsBound.txsMax,
  blockBytesMax: blockLimitsBound.bytesMax,
  idleBlockDelayMs: 0,
};
