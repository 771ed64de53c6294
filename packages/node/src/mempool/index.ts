export { TxError, type TxErrorType } from "./errors.ts";
export { Mempool, type MempoolDependencies } from "./mempool.ts";
export { type MempoolOptions, defaultMempoolOptions } from "./options.ts";
