import { type StateTreeBatch, type StateTreeRoot, toHex } from "@kexin/core";
import { assertRootIsHead } from "./stateTreeTable.ts";
import { type ChainStore, ledgerFormat } from "./chainStore.ts";
import { type BlockWrite, type ChainHead, type StoredBlock, type TxLocation, derivedIndexKeyPrefix } from "./interface.ts";

/** Orders strings as their UTF-8 bytes, which is code-point order (UTF-16 code units differ above U+D7FF). */
function compareKeys(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const x = a.charCodeAt(index);
    const y = b.charCodeAt(index);
    if (x === y) continue;
    // Surrogates (U+D800–DFFF) stand for code points above U+FFFF, so they sort after U+E000–FFFF.
    const surrogateX = x >= 0xd800 && x <= 0xdfff;
    const surrogateY = y >= 0xd800 && y <= 0xdfff;
    if (surrogateX !== surrogateY) return surrogateX ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** Key → value with the keys kept sorted, so ranges come out in the order LMDB gives them. */
class SortedTable {
  private readonly values = new Map<string, Uint8Array>();
  private keys: string[] = [];

  get(key: string): Uint8Array | undefined {
    return this.values.get(key);
  }

  put(key: string, value: Uint8Array): void {
    if (!this.values.has(key)) this.keys.splice(this.lowerBound(key), 0, key);
    this.values.set(key, value);
  }

  remove(key: string): void {
    if (!this.values.delete(key)) return;
    this.keys.splice(this.lowerBound(key), 1);
  }

  clear(): void {
    this.values.clear();
    this.keys = [];
  }

  *range(prefix: string, limit: number): Generator<{ key: string; value: Uint8Array }> {
    let count = 0;
    for (let index = this.lowerBound(prefix); index < this.keys.length; index += 1) {
      const key = this.keys[index] as string;
      if (!key.startsWith(prefix) || count++ >= limit) return;
      yield { key, value: this.values.get(key) as Uint8Array };
    }
  }

  private lowerBound(key: string): number {
    let low = 0;
    let high = this.keys.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (compareKeys(this.keys[middle] as string, key) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/**
 * A chain kept in memory with the semantics of LmdbChainStore: state ranges in key byte order,
 * each write applied whole or not at all, the derived index in a table of its own. The simulator
 * keeps one per node across crashes, as a disk outlives the process.
 */
export class MemoryChainStore implements ChainStore {
  private readonly blocks = new Map<number, StoredBlock>();
  private readonly blockHashes = new Map<string, number>();
  private readonly txIndex = new Map<string, { readonly location: TxLocation; readonly result: Uint8Array }>();
  private readonly state = new SortedTable();
  private readonly derivedIndex = new SortedTable();
  private readonly wal = new Map<number, Uint8Array[]>();
  private readonly treeNodes = new Map<string, Uint8Array>();
  private readonly treeRoots = new Map<number, StateTreeRoot>();
  /** Node keys each version replaced, as LmdbChainStore records them for pruning. */
  private readonly treeStale = new Map<number, readonly Uint8Array[]>();
  private currentHead: ChainHead | undefined;
  private genesis: Uint8Array | undefined;
  private closed = false;

  head(): ChainHead | undefined {
    return this.currentHead;
  }

  genesisHash(): Uint8Array | undefined {
    return this.genesis;
  }

  ledgerFormat(): number {
    return ledgerFormat;
  }

  initialise(genesisHash: Uint8Array, stateWrites: ReadonlyMap<string, Uint8Array | null>, stateTree: StateTreeBatch, head: ChainHead): void {
    this.assertOpen();
    if (this.currentHead !== undefined) throw new Error("the store is already initialised");
    assertRootIsHead(stateTree, head);
    this.genesis = genesisHash;
    this.applyStateWrites(stateWrites);
    this.applyStateTree(stateTree);
    this.currentHead = head;
  }

  commitBlock(write: BlockWrite): void {
    this.assertOpen();
    const previous = this.currentHead;
    if (previous === undefined) throw new Error("the store has no genesis");
    if (write.height !== previous.height + 1) throw new Error(`block ${write.height} does not follow head ${previous.height}`);
    assertRootIsHead(write.stateTree, write.head);
    this.blocks.set(write.height, { header: write.header, commit: write.commit, txs: write.txs.map((tx) => tx.bytes) });
    this.blockHashes.set(toHex(write.hash), write.height);
    write.txs.forEach((tx, index) => this.txIndex.set(toHex(tx.hash), { location: { height: write.height, index }, result: tx.result }));
    this.applyStateWrites(write.stateWrites);
    this.applyStateTree(write.stateTree);
    this.currentHead = write.head;
  }

  private applyStateTree(batch: StateTreeBatch): void {
    for (const { key, node } of batch.nodes) this.treeNodes.set(toHex(key), node);
    this.treeRoots.set(batch.version, batch.root);
    this.treeStale.set(batch.version, batch.stale);
  }

  readNode(nodeKey: Uint8Array): Uint8Array | undefined {
    return this.treeNodes.get(toHex(nodeKey));
  }

  stateTreeRoot(version: number): StateTreeRoot | undefined {
    return this.treeRoots.get(version);
  }

  private applyStateWrites(stateWrites: ReadonlyMap<string, Uint8Array | null>): void {
    for (const [key, value] of stateWrites) {
      const table = this.tableOf(key);
      if (value === null) table.remove(key);
      else table.put(key, value);
    }
  }

  private tableOf(key: string): SortedTable {
    return key.startsWith(derivedIndexKeyPrefix) ? this.derivedIndex : this.state;
  }

  getState(key: string): Uint8Array | undefined {
    return this.tableOf(key).get(key);
  }

  stateRange(prefix: string, limit: number): Generator<{ key: string; value: Uint8Array }> {
    return this.tableOf(prefix).range(prefix, limit);
  }

  derivedIndexEntries(): Generator<{ key: string; value: Uint8Array }> {
    return this.derivedIndex.range("", Number.MAX_SAFE_INTEGER);
  }

  replaceDerivedIndex(entries: Iterable<{ key: string; value: Uint8Array }>): number {
    this.assertOpen();
    const staged = [...entries];
    for (const { key } of staged) if (!key.startsWith(derivedIndexKeyPrefix)) throw new Error(`"${key}" is not a derived-index key`);
    this.derivedIndex.clear();
    for (const { key, value } of staged) this.derivedIndex.put(key, value);
    return staged.length;
  }

  getBlock(height: number): StoredBlock | undefined {
    return this.blocks.get(height);
  }

  hasBlock(height: number): boolean {
    return this.blocks.has(height);
  }

  heightOfBlockHash(hash: Uint8Array): number | undefined {
    return this.blockHashes.get(toHex(hash));
  }

  locateTx(hash: Uint8Array): TxLocation | undefined {
    return this.txIndex.get(toHex(hash))?.location;
  }

  hasTx(hash: Uint8Array): boolean {
    return this.txIndex.has(toHex(hash));
  }

  getResult(txHash: Uint8Array): Uint8Array | undefined {
    return this.txIndex.get(toHex(txHash))?.result;
  }

  appendWal(height: number, entries: readonly Uint8Array[]): void {
    this.assertOpen();
    if (entries.length === 0) return;
    let list = this.wal.get(height);
    if (!list) this.wal.set(height, (list = []));
    list.push(...entries);
  }

  walEntries(height: number): Uint8Array[] {
    return [...(this.wal.get(height) ?? [])];
  }

  truncateWal(height: number, entriesKept: number): void {
    this.assertOpen();
    const list = this.wal.get(height);
    if (list && list.length > entriesKept) list.length = entriesKept;
  }

  pruneWalBelow(height: number): void {
    this.assertOpen();
    for (const key of [...this.wal.keys()]) if (key < height) this.wal.delete(key);
  }

  /** Closing ends this handle's writes; the data stays, so a new node may be built over the same store after reopen(). */
  async close(): Promise<void> {
    this.closed = true;
  }

  /** Opens the store again after close(), as a restarted process opens its data folder. */
  reopen(): void {
    this.closed = false;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error("the store is closed");
  }
}
