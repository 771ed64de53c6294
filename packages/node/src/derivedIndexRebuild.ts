import { existsSync, rmSync } from "node:fs";
import { KexinError, addressOf, bytesEqual, decodeHeader, decodeSignedTx, getSuite, merkleRoot, toHex } from "@kexin/core";
import { genesisHash, type Genesis } from "./genesis.ts";
import { openLedgerExecution } from "./ledgerExecution.ts";
import { type ChainStore, LmdbChainStore, createRebuildScratch, ledgerFormat, openLockedStore, removeRebuildScratch } from "./storage/index.ts";

export interface DerivedIndexRebuildOptions {
  /** The node's data folder (its LMDB environment). Refused with DataDirInUseError while a node runs on it. */
  readonly dataDir: string;
  readonly genesis: Genesis;
  /** Called after each replayed block. */
  readonly onBlock?: (height: number, headHeight: number) => void;
}

export interface DerivedIndexRebuild {
  /** The chain's height: every block up to it was replayed. */
  readonly height: number;
  readonly entries: number;
}

export type DerivedIndexRebuildErrorType =
  | { code: "DERIVED_INDEX_NO_CHAIN"; dataDir: string }
  | { code: "DERIVED_INDEX_GENESIS_MISMATCH"; dataDir: string }
  | { code: "DERIVED_INDEX_FORMAT_UNSUPPORTED"; dataDir: string; format: number; supportedFormat: number }
  | { code: "DERIVED_INDEX_BLOCK_MISSING"; height: number }
  | { code: "DERIVED_INDEX_REPLAY_MISMATCH"; height: number; mismatch: "results" | "state" }
  | { code: "DERIVED_INDEX_SCRATCH_BROKEN"; scratchDir: string };
export class DerivedIndexRebuildError extends KexinError<DerivedIndexRebuildErrorType> {}

function noChainError(dataDir: string): DerivedIndexRebuildError {
  return new DerivedIndexRebuildError({ code: "DERIVED_INDEX_NO_CHAIN", dataDir }, `${dataDir} holds no chain`);
}

/**
 * Rebuilds a data folder's derived index (the query tables outside the app hash, such as a
 * module's records listed by submitter or by time) by executing every stored block again, from
 * genesis, against a scratch store beside the data folder. Each replayed block must give the
 * results its header commits to and the state its successor's header (or the head) records;
 * otherwise nothing is changed. Only then is the old index replaced, in one LMDB transaction.
 * It restores an index that was lost or damaged; a folder whose blocks were executed under other
 * rules (one from before the index kept anchor records in state) fails those checks and is left
 * as it was.
 */
export async function rebuildDerivedIndex(options: DerivedIndexRebuildOptions): Promise<DerivedIndexRebuild> {
  const { genesis } = options;
  const suite = getSuite(genesis.suite);
  if (!existsSync(options.dataDir)) throw noChainError(options.dataDir);
  // Held for the whole rebuild: a node must neither run on the folder now nor start before it is done.
  const { store, release: releaseDataDir } = openLockedStore(options.dataDir);
  let scratchDir: string | undefined;
  let scratch: ChainStore | undefined;
  try {
    const head = store.head();
    const storedGenesis = store.genesisHash();
    if (head === undefined || storedGenesis === undefined) throw noChainError(options.dataDir);
    if (!bytesEqual(storedGenesis, genesisHash(suite, genesis))) throw new DerivedIndexRebuildError({ code: "DERIVED_INDEX_GENESIS_MISMATCH", dataDir: options.dataDir }, `${options.dataDir} holds a different chain than this genesis`);
    const format = store.ledgerFormat();
    if (format !== ledgerFormat) {
      throw new DerivedIndexRebuildError(
        { code: "DERIVED_INDEX_FORMAT_UNSUPPORTED", dataDir: options.dataDir, format, supportedFormat: ledgerFormat },
        `${options.dataDir} holds a chain in ledger format ${format}; this version reads format ${ledgerFormat}`,
      );
    }
    removeRebuildScratch(options.dataDir);
    scratchDir = createRebuildScratch(options.dataDir);
    scratch = new LmdbChainStore({ path: scratchDir });
    const { registry, executor } = openLedgerExecution(suite, genesis, scratch, { error: () => undefined });
    let nextHeader = head.height >= 1 ? store.getBlock(1) : undefined;
    for (let height = 1; height <= head.height; height++) {
      const stored = nextHeader;
      if (stored === undefined) throw new DerivedIndexRebuildError({ code: "DERIVED_INDEX_BLOCK_MISSING", height }, `block ${height} is missing from the data folder`);
      nextHeader = height < head.height ? store.getBlock(height + 1) : undefined;
      const header = decodeHeader(stored.header);
      const admitted = stored.txs.map((bytes) => {
        const tx = decodeSignedTx(bytes);
        return { tx, bytes, hash: suite.hash(bytes), address: addressOf(suite, tx.signer), resolved: registry.resolveTx(tx.module, tx.type, tx.payload) };
      });
      await executor.ready(() => admitted.map((entry) => entry.tx));
      const execution = executor.executeBlock(admitted, { height, time: header.time, proposer: header.proposer });
      if (!bytesEqual(merkleRoot(suite.hash, execution.resultBytes), header.resultsRoot)) {
        throw new DerivedIndexRebuildError({ code: "DERIVED_INDEX_REPLAY_MISMATCH", height, mismatch: "results" }, `replaying block ${height} gave other results than its header commits to; the index was left as it was`);
      }
      const previous = scratch.head();
      if (previous === undefined) throw new DerivedIndexRebuildError({ code: "DERIVED_INDEX_SCRATCH_BROKEN", scratchDir }, "the scratch store lost its genesis");
      const stateTree = executor.stateCommitment(scratch, height, execution.writes);
      const appHash = stateTree.rootHash;
      // The state after a block is what the next header carries, and the head records the last one's.
      const recorded = nextHeader === undefined ? head.appHash : decodeHeader(nextHeader.header).appHash;
      if (!bytesEqual(appHash, recorded)) {
        throw new DerivedIndexRebuildError(
          { code: "DERIVED_INDEX_REPLAY_MISMATCH", height, mismatch: "state" },
          `replaying block ${height} gave state ${toHex(appHash)}, but the chain recorded ${toHex(recorded)}; the index was left as it was`,
        );
      }
      // Only state matters for the replay: the scratch store keeps no transactions.
      scratch.commitBlock({ height, hash: suite.hash(stored.header), header: stored.header, commit: stored.commit, txs: [], stateWrites: execution.writes, stateTree, head: { height, hash: suite.hash(stored.header), time: header.time, appHash } });
      options.onBlock?.(height, head.height);
    }
    const entries = store.replaceDerivedIndex(scratch.derivedIndexEntries());
    return { height: head.height, entries };
  } finally {
    await scratch?.close();
    if (scratchDir !== undefined) rmSync(scratchDir, { recursive: true, force: true });
    await store.close();
    releaseDataDir();
  }
}
