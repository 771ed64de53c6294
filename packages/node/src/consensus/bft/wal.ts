import type { EngineInput, ValueId } from "./types.ts";

/** A message this validator signed: kept so it is never signed differently, even across a crash. */
export interface SignedRecord {
  readonly kind: "proposal" | "prevote" | "precommit";
  readonly height: number;
  readonly round: number;
  readonly valueId: ValueId | null;
  readonly signature: Uint8Array;
}

export type WalEntry =
  /**
   * An input the engine acted on. A proposal carries its block, and a vote its signature, so that
   * after a replay the replica can still commit the block and build the commit certificate.
   */
  | { readonly type: "input"; readonly input: EngineInput; readonly block?: Uint8Array; readonly signature?: Uint8Array }
  | { readonly type: "signed"; readonly record: SignedRecord };

/**
 * The consensus write-ahead log. Entries of the height being decided are appended in order and
 * replayed after a restart; flush() makes them durable and runs before any signed message is sent.
 */
export interface ConsensusWal {
  append(height: number, entry: WalEntry): void;
  flush(): void;
  /** Entries of a height in the order they were appended. */
  entries(height: number): WalEntry[];
  /** Forgets every height below this one. */
  pruneBelow(height: number): void;
}

/** A WAL in memory; it survives a simulated crash because the simulator keeps the object. */
export class MemoryWal implements ConsensusWal {
  private readonly byHeight = new Map<number, WalEntry[]>();
  private pending: { height: number; entry: WalEntry }[] = [];
  /** Entries that were appended but not flushed are lost by a crash, as on a disk. */
  crash(): void {
    this.pending = [];
  }

  append(height: number, entry: WalEntry): void {
    this.pending.push({ height, entry });
  }

  flush(): void {
    for (const { height, entry } of this.pending) {
      let list = this.byHeight.get(height);
      if (!list) this.byHeight.set(height, (list = []));
      list.push(entry);
    }
    this.pending = [];
  }

  entries(height: number): WalEntry[] {
    return [...(this.byHeight.get(height) ?? [])];
  }

  pruneBelow(height: number): void {
    for (const key of [...this.byHeight.keys()]) if (key < height) this.byHeight.delete(key);
  }
}
