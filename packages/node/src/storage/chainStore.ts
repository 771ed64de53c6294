import type { StateTreeBatch } from "@kexin/core";
import type { BlockWrite, ChainHead, StateReader, StateTreeStore, StoredBlock, TxLocation } from "./interface.ts";

/**
 * The format of the blocks a data folder holds. 2: block headers carry txCount (receipt format 2).
 * 3: the app hash is the state tree's root, whose nodes the folder keeps (SPEC.md §6).
 * A folder of another format cannot be read as it is.
 */
export const ledgerFormat = 3;

/**
 * A node's chain: blocks, their transactions and results, state, the derived index and the
 * consensus WAL. LmdbChainStore keeps it on disk; MemoryChainStore in memory, for the simulator.
 * Every write is atomic, and durable once the method returns.
 */
export interface ChainStore extends StateReader, StateTreeStore {
  head(): ChainHead | undefined;
  genesisHash(): Uint8Array | undefined;
  /** The ledger format the chain was written in: see ledgerFormat. */
  ledgerFormat(): number;
  /** Writes the genesis state, its state tree (version 0) and the height-0 head at once. */
  initialise(genesisHash: Uint8Array, stateWrites: ReadonlyMap<string, Uint8Array | null>, stateTree: StateTreeBatch, head: ChainHead): void;
  /** Writes a block, its transactions and results, its state changes and state tree nodes, and the new head at once. */
  commitBlock(write: BlockWrite): void;
  getState(key: string): Uint8Array | undefined;
  /** State keys with the prefix, in byte order, at most `limit`. */
  stateRange(prefix: string, limit: number): Generator<{ key: string; value: Uint8Array }>;
  /** Every derived-index entry, in key order. */
  derivedIndexEntries(): Generator<{ key: string; value: Uint8Array }>;
  /** Replaces the whole derived index with `entries` at once; returns how many were written. */
  replaceDerivedIndex(entries: Iterable<{ key: string; value: Uint8Array }>): number;
  getBlock(height: number): StoredBlock | undefined;
  hasBlock(height: number): boolean;
  heightOfBlockHash(hash: Uint8Array): number | undefined;
  locateTx(hash: Uint8Array): TxLocation | undefined;
  hasTx(hash: Uint8Array): boolean;
  getResult(txHash: Uint8Array): Uint8Array | undefined;
  /** Appends consensus WAL entries of one height at once, after any already there. */
  appendWal(height: number, entries: readonly Uint8Array[]): void;
  /** A height's WAL entries in the order they were appended. */
  walEntries(height: number): Uint8Array[];
  /** Keeps the first `entriesKept` WAL entries of a height and removes the rest: a torn tail, found on replay. */
  truncateWal(height: number, entriesKept: number): void;
  pruneWalBelow(height: number): void;
  close(): Promise<void>;
}
