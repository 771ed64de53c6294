import { type CryptoSuite, type IncrementalHash, toHex } from "@kexin/core";
import { nextFrame } from "./nextFrame.ts";

/** Bytes read from the disk at a time: large enough to be quick, small enough that progress moves. */
export const fileSliceBytes = 4 * 1024 * 1024;

/**
 * The largest file hashed whole, held in memory while it is hashed: only where the suite's hash
 * cannot be fed in pieces (SM3 in the browser). SHA-256 is fed slice by slice, whatever the size;
 * `kexin evidence add` streams either.
 */
export const browserHashBytesMax = 1024 * 1024 * 1024;

export interface FileHashProgress {
  /** "reading" while slices come off the disk, "hashing" while the suite's hash runs over them. */
  readonly phase: "reading" | "hashing";
  readonly bytesDone: number;
  readonly bytesTotal: number;
}

export interface FileHash {
  /** 64 lower-case hex digits: the suite's hash of the file's bytes. */
  readonly hash: string;
  readonly size: number;
}

export class FileTooLargeError extends Error {
  constructor(readonly size: number) {
    super(`the file has ${size} bytes; the browser hashes files of at most ${browserHashBytesMax} bytes`);
  }
}

/**
 * The chain suite's hash of a file (SHA-256 for intl, SM3 for gm), computed in this tab: the file
 * is read slice by slice with progress and never leaves the browser. Each slice is hashed as it
 * arrives where the suite's hash can be fed in pieces, so memory stays at one slice; otherwise the
 * slices are joined and hashed at the end. Rejects with the signal's reason when aborted (another
 * file was chosen) and with FileTooLargeError when a file to be hashed whole is past the limit.
 */
export async function hashFile(suite: CryptoSuite, file: Blob, onProgress: (progress: FileHashProgress) => void, signal?: AbortSignal): Promise<FileHash> {
  if (suite.createHash) return hashFileInSlices(suite.createHash(), file, onProgress, signal);
  if (file.size > browserHashBytesMax) throw new FileTooLargeError(file.size);
  const content = new Uint8Array(file.size);
  for (let offset = 0; offset < file.size; offset += fileSliceBytes) {
    signal?.throwIfAborted();
    onProgress({ phase: "reading", bytesDone: offset, bytesTotal: file.size });
    const slice = new Uint8Array(await file.slice(offset, offset + fileSliceBytes).arrayBuffer());
    content.set(slice, offset);
  }
  signal?.throwIfAborted();
  onProgress({ phase: "hashing", bytesDone: file.size, bytesTotal: file.size });
  await nextFrame();
  signal?.throwIfAborted();
  return { hash: toHex(suite.hash(content)), size: file.size };
}

async function hashFileInSlices(hasher: IncrementalHash, file: Blob, onProgress: (progress: FileHashProgress) => void, signal?: AbortSignal): Promise<FileHash> {
  for (let offset = 0; offset < file.size; offset += fileSliceBytes) {
    signal?.throwIfAborted();
    onProgress({ phase: "reading", bytesDone: offset, bytesTotal: file.size });
    hasher.update(new Uint8Array(await file.slice(offset, offset + fileSliceBytes).arrayBuffer()));
  }
  signal?.throwIfAborted();
  return { hash: toHex(hasher.digest()), size: file.size };
}

/** The hash's usual name: "SHA-256" or "SM3". */
export function hashDisplayName(suite: CryptoSuite): string {
  return suite.hashName === "sha256" ? "SHA-256" : "SM3";
}
