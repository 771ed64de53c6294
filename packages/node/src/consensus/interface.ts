import { type BlockHeader, KexinError, type TxResult } from "@kexin/core";
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

/** Why an engine halted, in one line: a typed error's code first (DISK_SPACE_LOW: …), so that a reader can match on it. */
export function haltReason(halted: unknown): string {
  if (halted instanceof KexinError) return `${halted.code}: ${halted.message}`;
  return halted instanceof Error ? halted.message : String(halted);
}

/** Wall-clock source; injected so tests and the simulator can control time. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
