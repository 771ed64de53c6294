import type { BlockHeader, TxResult } from "@kexin/core";
import type { AdmittedTx } from "../execution/index.ts";

export interface CommittedBlock {
  readonly height: number;
  readonly hash: Uint8Array;
  readonly header: BlockHeader;
  readonly txs: readonly AdmittedTx[];
  readonly results: readonly TxResult[];
}

export type BlockListener = (block: CommittedBlock) => void;

export interface Consensus {
  readonly engine: "solo" | "bft";
  /** Tells the engine that the mempool has new transactions. */
  notifyTxs(): void;
  onBlockCommitted(listener: BlockListener): () => void;
  /** Set when the engine stopped because state or storage is broken; the node must not be trusted after it. */
  readonly halted: unknown;
  close(): Promise<void>;
}

/** Wall-clock source; injected so tests and the simulator can control time. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
