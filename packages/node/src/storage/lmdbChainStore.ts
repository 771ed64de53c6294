import { mkdirSync } from "node:fs";
import type { StateTreeBatch, StateTreeRoot } from "@kexin/core";
import { type RootDatabase, open } from "lmdb";
import { type ChainStore, ledgerFormat } from "./chainStore.ts";
import { type BlockWrite, type ChainHead, type StoredBlock, type TxLocation, derivedIndexKeyPrefix } from "./interface.ts";
import { durableEnvironmentFlags } from "./durability.ts";
import { StateTreeTable } from "./stateTreeTable.ts";
import { BlockHashTable, BlockTable, LegacyResultTable, MetaTable, StateTable, TxIndexTable, WalTable } from "./tables.ts";

export interface ChainStoreOptions {
  /** Folder for the LMDB environment; created when missing. */
  readonly path: string;
  readonly mapSizeBytes?: number;
}

/**
 * The node's LMDB environment. A block, its transactions, their results and every state change
 * they cause are written by commitBlock in one LMDB transaction, so after a crash the chain is
 * either wholly at the old head or wholly at the new one. Every write method returns only once its
 * transaction is on disk (see durableEnvironmentFlags), so a caller may report it as soon as it returns.
 */
export class LmdbChainStore implements ChainStore {
  private readonly root: RootDatabase;
  private readonly blocks: BlockTable;
  private readonly blockHashes: BlockHashTable;
  private readonly txIndex: TxIndexTable;
  private readonly legacyResults: LegacyResultTable;
  private readonly state: StateTable;
  private readonly derivedIndex: StateTable;
  private readonly meta: MetaTable;
  private readonly wal: WalTable;
  private readonly stateTree: StateTreeTable;
  private cachedHead: ChainHead | undefined;

  constructor(options: ChainStoreOptions) {
    mkdirSync(options.path, { recursive: true });
    this.root = open({
      path: options.path,
      maxDbs: 16,
      mapSize: options.mapSizeBytes ?? 64 * 1024 * 1024 * 1024,
      compression: false,
      cache: false,
      ...durableEnvironmentFlags,
    });
    this.blocks = new BlockTable(this.root);
    this.blockHashes = new BlockHashTable(this.root);
    this.txIndex = new TxIndexTable(this.root);
    this.legacyResults = new LegacyResultTable(this.root);
    this.state = new StateTable(this.root);
    this.derivedIndex = new StateTable(this.root, "derivedIndex");
    this.meta = new MetaTable(this.root);
    this.wal = new WalTable(this.root);
    this.stateTree = new StateTreeTable(this.root);
    this.cachedHead = this.meta.getHead();
  }

  head(): ChainHead | undefined {
    return this.cachedHead;
  }

  genesisHash(): Uint8Array | undefined {
    return this.meta.getGenesisHash();
  }

  /** The ledger format the folder was written in: see ledgerFormat. */
  ledgerFormat(): number {
    return this.meta.getLedgerFormat() ?? 1;
  }

  /** Writes the genesis state and the height-0 head in one transaction. */
  initialise(genesisHash: Uint8Array, stateWrites: ReadonlyMap<string, Uint8Array | null>, stateTree: StateTreeBatch, head: ChainHead): void {
    if (this.cachedHead !== undefined) throw new Error("the store is already initialised");
    this.root.transactionSync(() => {
      this.meta.putLedgerFormat(ledgerFormat);
      this.meta.putGenesisHash(genesisHash);
      this.applyStateWrites(stateWrites);
      this.stateTree.put(stateTree, head);
      this.meta.putHead(head);
    });
    this.cachedHead = head;
  }

  commitBlock(write: BlockWrite): void {
    const previous = this.cachedHead;
    if (previous === undefined) throw new Error("the store has no genesis");
    if (write.height !== previous.height + 1) throw new Error(`block ${write.height} does not follow head ${previous.height}`);
    this.root.transactionSync(() => {
      this.blocks.put(write.height, { header: write.header, commit: write.commit, txs: write.txs.map((tx) => tx.bytes) });
      this.blockHashes.put(write.hash, write.height);
      write.txs.forEach((tx, index) => {
        this.txIndex.put(tx.hash, { height: write.height, index }, tx.result);
      });
      this.applyStateWrites(write.stateWrites);
      this.stateTree.put(write.stateTree, write.head);
      this.meta.putHead(write.head);
    });
    this.cachedHead = write.head;
  }

  private applyStateWrites(stateWrites: ReadonlyMap<string, Uint8Array | null>): void {
    for (const key of [...stateWrites.keys()].sort()) {
      const value = stateWrites.get(key);
      const table = this.tableOf(key);
      if (value === null || value === undefined) table.remove(key);
      else table.put(key, value);
    }
  }

  /** Derived-index keys (derivedIndexKeyPrefix) have their own table, so the index can be dropped and rebuilt without touching state. */
  private tableOf(key: string): StateTable {
    return key.startsWith(derivedIndexKeyPrefix) ? this.derivedIndex : this.state;
  }

  readNode(nodeKey: Uint8Array): Uint8Array | undefined {
    return this.stateTree.readNode(nodeKey);
  }

  stateTreeRoot(version: number): StateTreeRoot | undefined {
    return this.stateTree.root(version);
  }

  getState(key: string): Uint8Array | undefined {
    return this.tableOf(key).get(key);
  }

  stateRange(prefix: string, limit: number): Generator<{ key: string; value: Uint8Array }> {
    return this.tableOf(prefix).range(prefix, limit);
  }

  /** Every derived-index entry, in key order. */
  derivedIndexEntries(): Generator<{ key: string; value: Uint8Array }> {
    return this.derivedIndex.entries();
  }

  /** Replaces the whole derived index with `entries` in one transaction; returns how many were written. */
  replaceDerivedIndex(entries: Iterable<{ key: string; value: Uint8Array }>): number {
    let written = 0;
    this.root.transactionSync(() => {
      this.derivedIndex.clear();
      for (const { key, value } of entries) {
        if (!key.startsWith(derivedIndexKeyPrefix)) throw new Error(`"${key}" is not a derived-index key`);
        this.derivedIndex.put(key, value);
        written++;
      }
    });
    return written;
  }

  getBlock(height: number): StoredBlock | undefined {
    return this.blocks.get(height);
  }

  hasBlock(height: number): boolean {
    return this.blocks.has(height);
  }

  heightOfBlockHash(hash: Uint8Array): number | undefined {
    return this.blockHashes.get(hash);
  }

  locateTx(hash: Uint8Array): TxLocation | undefined {
    return this.txIndex.get(hash);
  }

  hasTx(hash: Uint8Array): boolean {
    return this.txIndex.has(hash);
  }

  getResult(txHash: Uint8Array): Uint8Array | undefined {
    return this.txIndex.getResult(txHash) ?? this.legacyResults.get(txHash);
  }

  /** Appends consensus WAL entries of one height in one transaction, after any already there; on disk when it returns. */
  appendWal(height: number, entries: readonly Uint8Array[]): void {
    if (entries.length === 0) return;
    this.root.transactionSync(() => {
      let sequence = this.wal.lastSequence(height);
      for (const entry of entries) this.wal.put(height, (sequence += 1), entry);
    });
  }

  walEntries(height: number): Uint8Array[] {
    return this.wal.entries(height);
  }

  truncateWal(height: number, entriesKept: number): void {
    if (this.wal.entries(height).length <= entriesKept) return;
    this.root.transactionSync(() => this.wal.removeFrom(height, entriesKept));
  }

  pruneWalBelow(height: number): void {
    if (!this.wal.hasBelow(height)) return;
    this.root.transactionSync(() => this.wal.removeBelow(height));
  }

  async close(): Promise<void> {
    await this.root.close();
  }
}
