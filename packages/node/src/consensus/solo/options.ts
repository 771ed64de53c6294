import { blockLimitsBound } from "../../blockPipeline/blockParameters.ts";

export interface SoloOptions {
  /**
   * A block is cut when this many transactions are pending… (this node's own caps; a block never
   * holds more than the chain parameters block.txsMax and block.bytesMax allow at its height) */
  readonly blockTxsMax: number;
  readonly blockBytesMax: number;
  /** …or when the oldest pending transaction has waited this long. */
  readonly blockIntervalMs: number;
}

export const defaultSoloOptions: SoloOptions = {
  blockTxsMax: blockLimitsBound.txsMax,
  blockBytesMax: blockLimitsBound.bytesMax,
  blockIntervalMs: 100,
};
