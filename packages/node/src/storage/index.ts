export { type ChainStore, ledgerFormat } from "./chainStore.ts";
export { LmdbChainStore, type ChainStoreOptions } from "./lmdbChainStore.ts";
export { MemoryChainStore } from "./memoryChainStore.ts";
export { derivedIndexKeyPrefix } from "./interface.ts";
export type { BlockWrite, ChainHead, CommittedTx, StateReader, StateTreeStore, StoredBlock, TxLocation } from "./interface.ts";
export { DataDirInUseError, dataDirHolder, dataDirLockFile, openLockedStore } from "./dataDirLock.ts";
export { DiskReserve, DiskSpaceError, type DiskSpaceErrorType, assertReserveBytes, defaultDiskReserveBytes, freeBytes } from "./diskReserve.ts";
export { createRebuildScratch, removeRebuildScratch } from "./rebuildScratch.ts";
