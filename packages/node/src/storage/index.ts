export { ChainStore, type ChainStoreOptions } from "./chainStore.ts";
export type { BlockWrite, ChainHead, CommittedTx, StateReader, StoredBlock, TxLocation } from "./interface.ts";
