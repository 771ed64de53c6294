import { type StatsFs, statfsSync } from "node:fs";
import { statfs } from "node:fs/promises";
import { KexinError } from "@kexin/core";

/**
 * Free space the chain's data folder keeps by default. LMDB grows its data file page by page as
 * blocks are written, and a write that finds the disk full fails as "Input/output error" in the
 * middle of a commit; stopping while this much is left keeps that from ever happening, and leaves
 * room for the operator to restart the node and for LMDB to reopen.
 */
export const defaultDiskReserveBytes = 1024 * 1024 * 1024;

export type DiskSpaceErrorType = { code: "DISK_SPACE_LOW"; directory: string; freeBytes: number; reserveBytes: number };
export class DiskSpaceError extends KexinError<DiskSpaceErrorType> {}

/** Bytes an unprivileged writer may still use: blocks the file system keeps for root are not counted. */
function availableBytes(stats: StatsFs): number {
  return stats.bavail * stats.bsize;
}

export function assertReserveBytes(reserveBytes: number, option: string): void {
  if (!Number.isSafeInteger(reserveBytes) || reserveBytes < 0) throw new Error(`${option} must be a whole number of bytes ≥ 0, not ${JSON.stringify(reserveBytes)}`);
}

/** The free space of the file system holding `directory`, which must exist. */
export function freeBytesSync(directory: string): number {
  return availableBytes(statfsSync(directory));
}

export async function freeBytes(directory: string): Promise<number> {
  return availableBytes(await statfs(directory));
}

/**
 * The free space a folder's file system must keep. Checked once per block before it is written
 * (one statfs call), never per transaction.
 */
export class DiskReserve {
  constructor(
    readonly directory: string,
    readonly reserveBytes: number,
  ) {
    assertReserveBytes(reserveBytes, "diskReserveBytes");
  }

  /** Throws DISK_SPACE_LOW when less than the reserve is free. */
  assertAboveReserve(): void {
    const free = freeBytesSync(this.directory);
    if (free >= this.reserveBytes) return;
    throw new DiskSpaceError(
      { code: "DISK_SPACE_LOW", directory: this.directory, freeBytes: free, reserveBytes: this.reserveBytes },
      `${free} bytes free for ${this.directory}, below its reserve of ${this.reserveBytes} bytes (diskReserveBytes); no block was written. Free space on that disk, then restart the node`,
    );
  }
}
