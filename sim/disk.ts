import { MemoryChainStore } from "../packages/node/src/storage/index.ts";
import { SimulatedCrash } from "./node.ts";

/** How a crash in the middle of a WAL append leaves it: the batch cut short, or also a last entry half written. */
export type WalTear = "lostSuffix" | "garbledTail";

/**
 * A node's disk: its chain in memory, outliving crashes. Armed with a tear, the next WAL append
 * is written only in part and the node dies in the middle of it, as when power fails mid-write.
 */
export class SimulatedDisk extends MemoryChainStore {
  private tear: WalTear | undefined;

  armTear(tear: WalTear | undefined): void {
    this.tear = tear;
  }

  get tearArmed(): boolean {
    return this.tear !== undefined;
  }

  override appendWal(height: number, entries: readonly Uint8Array[]): void {
    const tear = this.tear;
    if (tear === undefined || entries.length === 0) {
      super.appendWal(height, entries);
      return;
    }
    this.tear = undefined;
    const kept = entries.slice(0, Math.floor(entries.length / 2));
    const cut = entries[kept.length] as Uint8Array;
    super.appendWal(height, tear === "garbledTail" ? [...kept, cut.slice(0, Math.max(1, cut.length >> 1))] : kept);
    throw new SimulatedCrash(`crashed while appending ${entries.length} WAL entries at height ${height}`);
  }
}
