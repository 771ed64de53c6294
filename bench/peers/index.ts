import type { Cleanup } from "../lib/cleanup.ts";
import { runGanache } from "./ganache/index.ts";

/** The workload every peer runs: N plain value transfers over S senders, submitted like Kexin's. */
export interface PeerWorkload {
  readonly txs: number;
  readonly senders: number;
  readonly batchSize: number;
  readonly concurrency: number;
  readonly seed: string;
  readonly commitTimeoutMs: number;
  readonly verbose: boolean;
  /** Repository root, for locating node_modules and peer helper scripts. */
  readonly root: string;
}

export interface PeerFigures {
  readonly peer: string;
  readonly txs: number;
  readonly committed: number;
  readonly committedTps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly rssMb: number | undefined;
}

export type PeerRunner = (cleanup: Cleanup, workload: PeerWorkload) => Promise<PeerFigures>;

export const peers: { readonly [name: string]: PeerRunner } = {
  ganache: runGanache,
};

export const peerNames = Object.keys(peers);
