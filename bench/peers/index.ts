import type { Cleanup } from "../lib/cleanup.ts";
import { BenchFailure } from "../lib/errors.ts";
import type { BenchOptions } from "../lib/options.ts";
import { runHardhat } from "./hardhat/index.ts";

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
  hardhat: runHardhat,
};

export const peerNames = Object.keys(peers);

/** Runs a peer on the same workload as the Kexin side and fails unless it committed every transaction. */
export async function runPeer(runner: PeerRunner, cleanup: Cleanup, options: BenchOptions, root: string): Promise<PeerFigures> {
  const figures = await runner(cleanup, {
    txs: options.txs,
    senders: options.senders,
    batchSize: options.batchSize,
    concurrency: options.concurrency,
    seed: options.seed,
    commitTimeoutMs: options.commitTimeoutS * 1000,
    verbose: options.verbose,
    root,
  });
  if (figures.committed !== figures.txs) throw new BenchFailure(`${figures.peer} committed ${figures.committed} of ${figures.txs}`);
  return figures;
}
