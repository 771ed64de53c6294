import { nodeLimits } from "../../limits.ts";

export interface SoloOptions {
  /** A block is cut when this many transactions are pending… */
  readonly blockTxsMax: number;
  readonly blockBytesMax: number;
  /** …or when the oldest pending transaction has waited this long. */
  readonly blockIntervalMs: number;
}

export const defaultSoloOptions: SoloOptions = {
  blockTxsMax: nodeLimits.blockTxsMax,
  blockBytesMax: nodeLimits.blockBytesMax,
  blockIntervalMs: 100,
};
