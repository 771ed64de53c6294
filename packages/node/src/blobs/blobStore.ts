import { randomBytes } from "node:crypto";
import { createReadStream, type ReadStream } from "node:fs";
import { type FileHandle, mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { KexinError } from "@kexin/core";
import { assertReserveBytes, defaultDiskReserveBytes, freeBytes } from "../storage/index.ts";

/**
 * Where a service's sealed envelopes are kept and how much of them. Blobs are files, not LMDB
 * records: an envelope may be tens of megabytes, and writing one inside the chain's LMDB
 * environment would hold its single write lock (and stall block commits) for as long as the
 * write takes, and grow a map file that never shrinks. As files they are written beside the
 * chain, can be backed up or moved on their own, and a crash leaves at most a temporary file.
 */
export interface BlobStoreOptions {
  /** The service whose store this is: it names the store's settings (`services.<service>.blobs`) and error codes (`<SERVICE>_BLOB_…`). */
  readonly service: string;
  /** The folder of the blobs; by default `<service>-blobs` inside the node's data folder. */
  readonly directory: string;
  /** The largest blob accepted, in bytes. */
  readonly blobBytesMax: number;
  /** The most the store holds in all; an upload beyond it is refused, never an older blob dropped. */
  readonly totalBytesMax: number;
  /** The most blobs the store holds. */
  readonly blobsMax: number;
  /**
   * Free space the folder's disk keeps: an upload that would leave less is refused. By default
   * twice the chain's reserve, so that when blobs and blocks share a disk, uploads stop well
   * before block production has to.
   */
  readonly diskReserveBytes: number;
}

export const blobStoreDefaults = {
  blobBytesMax: 64 * 1024 * 1024,
  totalBytesMax: 16 * 1024 * 1024 * 1024,
  blobsMax: 1_000_000,
} as const;

export function defaultBlobStoreOptions(service: string, dataDir: string, chainDiskReserveBytes = defaultDiskReserveBytes): BlobStoreOptions {
  return { service, directory: join(dataDir, `${service}-blobs`), ...blobStoreDefaults, diskReserveBytes: 2 * chainDiskReserveBytes };
}

/** The prefix of a store's error codes: its service's name in capitals (DATASHARE_BLOB_STORE_FULL). */
export function blobCodePrefix(service: string): string {
  return service.toUpperCase();
}

export type BlobStoreErrorType =
  | { code: `${string}_BLOB_STORE_FULL`; limit: "totalBytesMax" | "blobsMax"; totalBytes: number; totalBytesMax: number; blobs: number; blobsMax: number }
  /** The disk, not the store's own bounds: below its reserve, or a write found it full (ENOSPC). */
  | { code: `${string}_BLOB_STORE_FULL`; limit: "diskReserveBytes" | "ENOSPC"; sizeBytes: number; freeBytes: number; diskReserveBytes: number }
  | { code: `${string}_BLOB_TOO_LARGE`; sizeBytes: number; blobBytesMax: number };
export class BlobStoreError extends KexinError<BlobStoreErrorType> {}

/** A write that found no room: the disk is full (ENOSPC) or the user's quota spent (EDQUOT). */
function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ENOSPC" || code === "EDQUOT";
}

/**
 * Blobs up to this size are read whole in one read and kept in memory, not streamed: for a
 * sealed record of a few hundred bytes, opening a file stream costs the node far more than the
 * bytes, and such records are read again and again (once per access).
 */
export const wholeBlobBytesMax = 64 * 1024;
/** The most bytes of small blobs kept in memory, least recently read first out. */
const keptBytesMax = 16 * 1024 * 1024;

/** A blob read: small ones as their bytes, larger ones as a stream. */
export type BlobRead = { readonly size: number; readonly bytes: Uint8Array; readonly stream?: undefined } | { readonly size: number; readonly stream: ReadStream; readonly bytes?: undefined };

/** Blob names are content hashes: 64 lower-case hex digits, nothing that could leave the folder. */
const blobNamePattern = /^[0-9a-f]{64}$/;

/**
 * A content-addressed store of immutable blobs: `<directory>/<first 2 hex digits>/<hash>`. The
 * caller names a blob by the hash of its bytes and has checked it; the store only keeps bytes.
 * A blob is written to a temporary file, flushed, and renamed into place, so a blob that exists
 * is complete. Storing a blob that exists changes nothing.
 */
export class BlobStore {
  private totalBytes = 0;
  private blobs = 0;
  /** Bytes of the writes under way: checked against the free space, but perhaps not on the disk yet. */
  private writingBytes = 0;
  /** Writes under way by hash, so that two uploads of one blob write it once. */
  private readonly writing = new Map<string, Promise<boolean>>();
  /** Small blobs by hash, in the order last read or stored; a blob never changes under its hash, so a kept copy never goes stale. */
  private readonly kept = new Map<string, Uint8Array>();
  private keptBytes = 0;

  private constructor(
    readonly options: BlobStoreOptions,
    private readonly freeBytesOf: (directory: string) => Promise<number>,
  ) {}

  /**
   * Opens (creating) the folder and counts what it holds; leftovers of interrupted writes are
   * removed. `freeBytesOf` measures the folder's free disk space; tests replace it to make the disk
   * fill up between the check and the write, as another process can.
   */
  static async open(options: BlobStoreOptions, freeBytesOf: (directory: string) => Promise<number> = freeBytes): Promise<BlobStore> {
    assertReserveBytes(options.diskReserveBytes, `services.${options.service}.blobs.diskReserveBytes`);
    const store = new BlobStore(options, freeBytesOf);
    await mkdir(options.directory, { recursive: true });
    await rm(store.temporaryDirectory, { recursive: true, force: true });
    await mkdir(store.temporaryDirectory, { recursive: true });
    for (const shard of await readdir(options.directory)) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      for (const name of await readdir(join(options.directory, shard))) {
        if (!blobNamePattern.test(name)) continue;
        store.totalBytes += (await stat(join(options.directory, shard, name))).size;
        store.blobs += 1;
      }
    }
    return store;
  }

  private get temporaryDirectory(): string {
    return join(this.options.directory, "tmp");
  }

  private pathOf(hash: string): string {
    if (!blobNamePattern.test(hash)) throw new Error(`blob name ${JSON.stringify(hash)} is not a hash of 64 lower-case hex digits`);
    return join(this.options.directory, hash.slice(0, 2), hash);
  }

  usage(): { readonly totalBytes: number; readonly blobs: number } {
    return { totalBytes: this.totalBytes, blobs: this.blobs };
  }

  /** The blob's size in bytes, or undefined when the store does not hold it. */
  async sizeOf(hash: string): Promise<number | undefined> {
    try {
      return (await stat(this.pathOf(hash))).size;
    } catch (error) {
      if ((error as { code?: unknown }).code === "ENOENT") return undefined;
      throw error;
    }
  }

  /** A stream of the blob's bytes, or undefined when the store does not hold it. */
  async read(hash: string): Promise<{ readonly size: number; readonly stream: ReadStream } | undefined> {
    const size = await this.sizeOf(hash);
    return size === undefined ? undefined : { size, stream: createReadStream(this.pathOf(hash)) };
  }

  /**
   * The blob to serve, or undefined when the store does not hold it: a small blob's bytes (from
   * memory, or one open, stat and read), a larger one's stream.
   */
  async readSmallWhole(hash: string): Promise<BlobRead | undefined> {
    const kept = this.kept.get(hash);
    if (kept !== undefined) {
      this.keep(hash, kept);
      return { size: kept.length, bytes: kept };
    }
    let file: FileHandle;
    try {
      file = await open(this.pathOf(hash), "r");
    } catch (error) {
      if ((error as { code?: unknown }).code === "ENOENT") return undefined;
      throw error;
    }
    let streaming = false;
    try {
      const { size } = await file.stat();
      if (size > wholeBlobBytesMax) {
        streaming = true;
        // The stream owns the handle from here and closes it when it ends or is destroyed.
        return { size, stream: file.createReadStream() };
      }
      const bytes = new Uint8Array(await file.readFile());
      this.keep(hash, bytes);
      return { size: bytes.length, bytes };
    } finally {
      if (!streaming) await file.close();
    }
  }

  private keep(hash: string, bytes: Uint8Array): void {
    if (bytes.length > wholeBlobBytesMax) return;
    const previous = this.kept.get(hash);
    if (previous !== undefined) {
      this.kept.delete(hash);
      this.keptBytes -= previous.length;
    }
    this.kept.set(hash, bytes);
    this.keptBytes += bytes.length;
    while (this.keptBytes > keptBytesMax) {
      const [oldest, oldestBytes] = this.kept.entries().next().value as [string, Uint8Array];
      this.kept.delete(oldest);
      this.keptBytes -= oldestBytes.length;
    }
  }

  /** Keeps `bytes` as blob `hash` (the caller's hash of them); true when it was new, false when the store already held it. */
  async put(hash: string, bytes: Uint8Array): Promise<boolean> {
    const path = this.pathOf(hash);
    const pending = this.writing.get(hash);
    if (pending !== undefined) {
      await pending;
      return false;
    }
    if ((await this.sizeOf(hash)) !== undefined) return false;
    if (bytes.length > this.options.blobBytesMax) {
      throw new BlobStoreError({ code: `${blobCodePrefix(this.options.service)}_BLOB_TOO_LARGE`, sizeBytes: bytes.length, blobBytesMax: this.options.blobBytesMax }, `the blob is ${bytes.length} bytes; this node keeps blobs of at most ${this.options.blobBytesMax} bytes`);
    }
    const { totalBytesMax, blobsMax } = this.options;
    if (this.totalBytes + bytes.length > totalBytesMax || this.blobs + 1 > blobsMax) {
      throw new BlobStoreError(
        { code: `${blobCodePrefix(this.options.service)}_BLOB_STORE_FULL`, limit: this.blobs + 1 > blobsMax ? "blobsMax" : "totalBytesMax", totalBytes: this.totalBytes, totalBytesMax, blobs: this.blobs, blobsMax },
        `the node's blob store is full (${this.totalBytes} of ${totalBytesMax} bytes, ${this.blobs} of ${blobsMax} blobs); ask its operator for room`,
      );
    }
    // Counted before the write, so that concurrent uploads cannot together pass the bounds.
    this.totalBytes += bytes.length;
    this.blobs += 1;
    this.writingBytes += bytes.length;
    const write = this.writeWithinReserve(path, bytes).then(
      () => true,
      async (error: unknown) => {
        this.totalBytes -= bytes.length;
        this.blobs -= 1;
        throw isDiskFull(error) ? this.diskFull("ENOSPC", bytes.length, await this.freeBytesOf(this.options.directory)) : error;
      },
    );
    this.writing.set(hash, write);
    try {
      return await write;
    } finally {
      this.writing.delete(hash);
      this.writingBytes -= bytes.length;
    }
  }

  private async writeWithinReserve(path: string, bytes: Uint8Array): Promise<void> {
    const free = await this.freeBytesOf(this.options.directory);
    // writingBytes holds this blob and every other one under way.
    if (free - this.writingBytes < this.options.diskReserveBytes) throw this.diskFull("diskReserveBytes", bytes.length, free);
    await this.write(path, bytes);
  }

  private diskFull(limit: "diskReserveBytes" | "ENOSPC", sizeBytes: number, free: number): BlobStoreError {
    const { diskReserveBytes } = this.options;
    const why = limit === "ENOSPC" ? "the node's disk is full" : `storing it would leave less than the node's disk reserve of ${diskReserveBytes} bytes free`;
    return new BlobStoreError(
      { code: `${blobCodePrefix(this.options.service)}_BLOB_STORE_FULL`, limit, sizeBytes, freeBytes: free, diskReserveBytes },
      `the envelope (${sizeBytes} bytes) was not stored: ${why} (${free} bytes free); ask its operator for room`,
    );
  }

  private async write(path: string, bytes: Uint8Array): Promise<void> {
    const temporary = join(this.temporaryDirectory, `${randomBytes(8).toString("hex")}.part`);
    try {
      const file = await open(temporary, "wx", 0o644);
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      await mkdir(join(path, ".."), { recursive: true });
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}
