import { type BlockHeader, KexinError, type TxResult } from "@kexin/core";
import type { AdmittedTx } from "../execution/index.ts";

export interface CommittedBlock {
  readonly height: number;
  readonly hash: Uint8Array;
  readonly header: BlockHeader;
  readonly txs: readonly AdmittedTx[];
  readonly results: readonly TxResult[];
  /** The round the block was decided in; always 0 on solo. */
  readonly round: number;
}

/** Where consensus stands, for people watching it; read-only, and nothing consensus-critical reads it. */
export interface RoundState {
  /** The height being decided: one above the last committed block. */
  readonly height: number;
  readonly round: number;
  readonly step: "propose" | "prevote" | "precommit" | "decided";
  /** The validator whose turn it is to propose in this round. */
  readonly proposer: Uint8Array;
}

export type BlockListener = (block: CommittedBlock) => void;

/** Consensus learns of new transactions from the mempool (Mempool.onTxsAvailable), never from the API. */
export interface Consensus {
  readonly engine: "solo" | "bft";
  onBlockCommitted(listener: BlockListener): () => void;
  /** Undefined only before the engine entered its first height (it halted while starting). */
  roundState(): RoundState | undefined;
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

/** Runs a callback after a delay on the engine's clock; returns a cancel function. Injected so tests and the simulator drive time. */
export type Scheduler = (durationMs: number, callback: () => void) => () => void;

/** Real timers; a zero delay runs on the next turn of the event loop, as setImmediate does. */
export const timerScheduler: Scheduler = (durationMs, callback) => {
  if (durationMs <= 0) {
    const immediate = setImmediate(callback);
    return () => clearImmediate(immediate);
  }
  const timer = setTimeout(callback, durationMs);
  return () => clearTimeout(timer);
};
