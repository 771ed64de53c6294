import { type CborValue, decodeTrusted, encodeCanonical } from "@kexin/core";
import type { ChainStore } from "../../storage/index.ts";
import type { EngineInput } from "./types.ts";
import type { ConsensusWal, SignedRecord, WalEntry } from "./wal.ts";

function encodeEntry(entry: WalEntry): Uint8Array {
  return encodeCanonical(entry as unknown as CborValue);
}

function decodeEntry(bytes: Uint8Array, height: number): WalEntry {
  const value = decodeTrusted(bytes) as Record<string, CborValue> | null;
  if (value === null || typeof value !== "object") throw new Error(`corrupt consensus WAL entry at height ${height}`);
  if (value.type === "input" && typeof value.input === "object" && value.input !== null) {
    const input = value.input as unknown as EngineInput;
    return {
      type: "input",
      input,
      ...(value.block instanceof Uint8Array ? { block: value.block } : {}),
      ...(value.signature instanceof Uint8Array ? { signature: value.signature } : {}),
    };
  }
  if (value.type === "signed" && typeof value.record === "object" && value.record !== null) {
    return { type: "signed", record: value.record as unknown as SignedRecord };
  }
  throw new Error(`corrupt consensus WAL entry at height ${height}: unknown type`);
}

function decodeIntact(bytes: Uint8Array, height: number): WalEntry | undefined {
  try {
    return decodeEntry(bytes, height);
  } catch {
    return undefined;
  }
}

const pruneEveryHeights = 32;

/**
 * The consensus WAL in the node's LMDB environment. Appends are buffered and written in one
 * synchronous transaction by flush(), which the replica calls before it sends anything signed.
 */
export class LmdbWal implements ConsensusWal {
  private pending: { height: number; bytes: Uint8Array }[] = [];

  constructor(private readonly store: ChainStore) {}

  append(height: number, entry: WalEntry): void {
    this.pending.push({ height, bytes: encodeEntry(entry) });
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const byHeight = new Map<number, Uint8Array[]>();
    for (const { height, bytes } of this.pending) {
      let list = byHeight.get(height);
      if (!list) byHeight.set(height, (list = []));
      list.push(bytes);
    }
    this.pending = [];
    for (const [height, entries] of byHeight) this.store.appendWal(height, entries);
  }

  /**
   * A crash in the middle of an append may leave the last entry of a height cut short. Nothing
   * signed after it was sent (the append precedes every send), so the intact prefix is replayed and
   * the torn entry removed, lest later appends land behind it. An entry that does not decode with
   * others after it is not a torn write but a damaged log: dropping it could forget a vote already
   * sent, so the node stops instead.
   */
  entries(height: number): WalEntry[] {
    const stored = this.store.walEntries(height);
    const entries: WalEntry[] = [];
    for (const [index, bytes] of stored.entries()) {
      const entry = decodeIntact(bytes, height);
      if (entry === undefined) {
        if (index !== stored.length - 1) {
          throw new Error(`corrupt consensus WAL at height ${height}: entry ${index} of ${stored.length} does not decode and is not the last; refusing to replay a damaged log`);
        }
        this.store.truncateWal(height, entries.length);
        break;
      }
      entries.push(entry);
    }
    return entries;
  }

  pruneBelow(height: number): void {
    this.pending = this.pending.filter((entry) => entry.height >= height);
    // Only the current height's entries are ever read, so older ones go in batches, sparing a
    // synchronous write per block.
    if (height % pruneEveryHeights === 0) this.store.pruneWalBelow(height);
  }
}
