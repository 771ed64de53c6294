import { type CborValue, concatBytes, decodeTrusted, encodeCanonical, fromUtf8, utf8 } from "@kexin/core";
import type { Database, RootDatabase } from "lmdb";
import type { ChainHead, StoredBlock, TxLocation } from "./interface.ts";

// One small class per LMDB database, so keys and values are built in exactly one place.

type BinaryDatabase<K extends number | Uint8Array> = Database<Uint8Array, K>;

function openBinary<K extends number | Uint8Array>(root: RootDatabase, name: string, keyEncoding: "uint32" | "binary"): BinaryDatabase<K> {
  return root.openDB<Uint8Array, K>({ name, encoding: "binary", keyEncoding, cache: false });
}

function asMap(value: CborValue, table: string): Record<string, CborValue> {
  if (value === null || typeof value !== "object" || Array.isArray(value) || value instanceof Uint8Array) {
    throw new Error(`corrupt ${table} record: not a map`);
  }
  return value as Record<string, CborValue>;
}

export class BlockTable {
  private readonly database: BinaryDatabase<number>;
  constructor(root: RootDatabase) {
    this.database = openBinary(root, "blocks", "uint32");
  }
  put(height: number, block: StoredBlock): void {
    this.database.putSync(height, encodeCanonical({ header: block.header, commit: block.commit, txs: [...block.txs] }));
  }
  get(height: number): StoredBlock | undefined {
    const bytes = this.database.getBinary(height);
    if (bytes === undefined) return undefined;
    const record = asMap(decodeTrusted(bytes), "block");
    const { header, commit, txs } = record;
    if (!(header instanceof Uint8Array) || !(commit instanceof Uint8Array) || !Array.isArray(txs)) throw new Error(`corrupt block record at height ${height}`);
    return { header, commit, txs: txs as Uint8Array[] };
  }
  has(height: number): boolean {
    return this.database.doesExist(height);
  }
}

export class BlockHashTable {
  private readonly database: BinaryDatabase<Uint8Array>;
  constructor(root: RootDatabase) {
    this.database = openBinary(root, "blockHashes", "binary");
  }
  put(hash: Uint8Array, height: number): void {
    this.database.putSync(hash, encodeCanonical(height));
  }
  get(hash: Uint8Array): number | undefined {
    const bytes = this.database.getBinary(hash);
    return bytes === undefined ? undefined : (decodeTrusted(bytes) as number);
  }
}

/**
 * Each transaction by hash: where it is (height, index) and its execution result, in one record,
 * so committing a transaction inserts one key at a random place in the tree instead of two.
 */
export class TxIndexTable {
  private readonly database: BinaryDatabase<Uint8Array>;
  constructor(root: RootDatabase) {
    this.database = openBinary(root, "txIndex", "binary");
  }
  put(hash: Uint8Array, location: TxLocation, result: Uint8Array): void {
    this.database.putSync(hash, encodeCanonical([location.height, location.index, result]));
  }
  get(hash: Uint8Array): TxLocation | undefined {
    const record = this.record(hash);
    return record === undefined ? undefined : { height: record[0], index: record[1] };
  }
  /** The result kept with the location; undefined for a record written before results moved here. */
  getResult(hash: Uint8Array): Uint8Array | undefined {
    return this.record(hash)?.[2];
  }
  has(hash: Uint8Array): boolean {
    return this.database.doesExist(hash);
  }
  private record(hash: Uint8Array): [height: number, index: number, result?: Uint8Array] | undefined {
    const bytes = this.database.getBinary(hash);
    return bytes === undefined ? undefined : (decodeTrusted(bytes) as [number, number, Uint8Array?]);
  }
}

/** Results by transaction hash, as data folders written before TxIndexTable kept them hold them; read only. */
export class LegacyResultTable {
  private readonly database: BinaryDatabase<Uint8Array>;
  constructor(root: RootDatabase) {
    this.database = openBinary(root, "results", "binary");
  }
  get(txHash: Uint8Array): Uint8Array | undefined {
    return this.database.getBinary(txHash);
  }
}

/** Module state, keyed by the UTF-8 of `<module>/<key>`; the same layout serves the derived index in a table of its own. */
export class StateTable {
  private readonly database: BinaryDatabase<Uint8Array>;
  constructor(root: RootDatabase, name: "state" | "derivedIndex" = "state") {
    this.database = openBinary(root, name, "binary");
  }
  put(key: string, value: Uint8Array): void {
    this.database.putSync(utf8(key), value);
  }
  remove(key: string): void {
    this.database.removeSync(utf8(key));
  }
  get(key: string): Uint8Array | undefined {
    return this.database.getBinary(utf8(key));
  }
  /** Every entry, in byte order of the keys. */
  *entries(): Generator<{ key: string; value: Uint8Array }> {
    for (const entry of this.database.getRange({})) yield { key: fromUtf8(entry.key), value: entry.value };
  }
  /** Removes every entry; inside a transaction, atomically with what else it writes. */
  clear(): void {
    this.database.clearSync();
  }
  /** Keys with the prefix, in byte order, at most `limit`. */
  *range(prefix: string, limit: number): Generator<{ key: string; value: Uint8Array }> {
    const start = utf8(prefix);
    // 0xFF never occurs in UTF-8, so it bounds every key that starts with the prefix.
    const end = concatBytes(start, new Uint8Array([0xff]));
    let count = 0;
    for (const entry of this.database.getRange({ start, end })) {
      if (count++ >= limit) return;
      yield { key: fromUtf8(entry.key), value: entry.value };
    }
  }
}

export class MetaTable {
  private readonly database: BinaryDatabase<Uint8Array>;
  constructor(root: RootDatabase) {
    this.database = openBinary(root, "meta", "binary");
  }
  putHead(head: ChainHead): void {
    this.database.putSync(utf8("head"), encodeCanonical({ height: head.height, hash: head.hash, time: head.time, appHash: head.appHash }));
  }
  getHead(): ChainHead | undefined {
    const bytes = this.database.getBinary(utf8("head"));
    if (bytes === undefined) return undefined;
    const record = asMap(decodeTrusted(bytes), "head");
    return record as unknown as ChainHead;
  }
  putLedgerFormat(format: number): void {
    this.database.putSync(utf8("ledgerFormat"), encodeCanonical(format));
  }
  /** Undefined for a folder written before formats were recorded (format 1). */
  getLedgerFormat(): number | undefined {
    const bytes = this.database.getBinary(utf8("ledgerFormat"));
    return bytes === undefined ? undefined : (decodeTrusted(bytes) as number);
  }
  putGenesisHash(hash: Uint8Array): void {
    this.database.putSync(utf8("genesisHash"), hash);
  }
  getGenesisHash(): Uint8Array | undefined {
    return this.database.getBinary(utf8("genesisHash"));
  }
}

/** The consensus write-ahead log: entries keyed by (height, sequence), both big-endian so a range scan is in order. */
export class WalTable {
  private readonly database: BinaryDatabase<Uint8Array>;
  constructor(root: RootDatabase) {
    this.database = openBinary(root, "wal", "binary");
  }
  private static key(height: number, sequence: number): Uint8Array {
    const key = new Uint8Array(8);
    const view = new DataView(key.buffer);
    view.setUint32(0, height);
    view.setUint32(4, sequence);
    return key;
  }
  put(height: number, sequence: number, entry: Uint8Array): void {
    this.database.putSync(WalTable.key(height, sequence), entry);
  }
  entries(height: number): Uint8Array[] {
    const entries: Uint8Array[] = [];
    for (const { value } of this.database.getRange({ start: WalTable.key(height, 0), end: WalTable.key(height + 1, 0) })) entries.push(value);
    return entries;
  }
  lastSequence(height: number): number {
    for (const { key } of this.database.getRange({ start: WalTable.key(height + 1, 0), end: WalTable.key(height, 0), reverse: true, limit: 1 })) {
      return new DataView(key.buffer, key.byteOffset, key.byteLength).getUint32(4);
    }
    // A reverse range leaves out its end key, so a height whose only entry is sequence 0 is found here;
    // missing it would make the next append overwrite that entry.
    return this.database.doesExist(WalTable.key(height, 0)) ? 0 : -1;
  }
  /** Removes the entries of a height from the `first`-th (counting from 0) on. */
  removeFrom(height: number, first: number): void {
    let index = 0;
    for (const key of this.database.getKeys({ start: WalTable.key(height, 0), end: WalTable.key(height + 1, 0) })) {
      if (index++ >= first) this.database.removeSync(key);
    }
  }
  hasBelow(height: number): boolean {
    for (const _key of this.database.getKeys({ end: WalTable.key(height, 0), limit: 1 })) return true;
    return false;
  }
  removeBelow(height: number): void {
    for (const key of this.database.getKeys({ end: WalTable.key(height, 0) })) this.database.removeSync(key);
  }
}
