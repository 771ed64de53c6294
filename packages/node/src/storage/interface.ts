import type { StateTreeBatch, StateTreeNodeReader, StateTreeRoot } from "@kexin/core";

/**
 * State keys that start with this prefix belong to the derived index: entries the node keeps for
 * queries only (lists by submitter, by time, …). They travel with a block's state writes and are
 * committed in the same LMDB transaction, but live in their own table and are left out of the
 * app hash, so they cost no hashing; being a function of the executed transactions alone, they
 * are rebuilt by executing the blocks again.
 */
export const derivedIndexKeyPrefix = "~index/";

/** What the chain keeps about its newest block; written in the same LMDB transaction as the block. */
export interface ChainHead {
  readonly height: number;
  readonly hash: Uint8Array;
  readonly time: number;
  /** State commitment after executing block `height`; goes into the header of block `height + 1`. */
  readonly appHash: Uint8Array;
}

export interface StoredBlock {
  readonly header: Uint8Array;
  readonly commit: Uint8Array;
  readonly txs: readonly Uint8Array[];
}

export interface TxLocation {
  readonly height: number;
  readonly index: number;
}

export interface CommittedTx {
  readonly hash: Uint8Array;
  readonly bytes: Uint8Array;
  readonly result: Uint8Array;
}

/** Everything one block changes; written atomically by ChainStore.commitBlock. */
export interface BlockWrite {
  readonly height: number;
  readonly hash: Uint8Array;
  readonly header: Uint8Array;
  readonly commit: Uint8Array;
  readonly txs: readonly CommittedTx[];
  /** State key → new value, or null to delete; applied in key order. */
  readonly stateWrites: ReadonlyMap<string, Uint8Array | null>;
  /** The state tree's nodes for version `height`; its root hash is head.appHash. */
  readonly stateTree: StateTreeBatch;
  readonly head: ChainHead;
}

export interface StateReader {
  getState(key: string): Uint8Array | undefined;
}

/** The state tree's nodes of every version kept, and each version's root. */
export interface StateTreeStore extends StateTreeNodeReader {
  /** The root of the state after block `version` (0: genesis); undefined for a version not kept. */
  stateTreeRoot(version: number): StateTreeRoot | undefined;
}
