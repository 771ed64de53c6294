import { nodeLimits } from "../limits.ts";

export interface MempoolOptions {
  readonly txsMax: number;
  readonly bytesMax: number;
  readonly txsPerAccountMax: number;
}

export const defaultMempoolOptions: MempoolOptions = {
  txsMax: nodeLimits.mempoolTxsMax,
  bytesMax: nodeLimits.mempoolBytesMax,
  txsPerAccountMax: nodeLimits.mempoolTxsPerAccountMax,
};
