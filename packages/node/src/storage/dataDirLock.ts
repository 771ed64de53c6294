import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { KexinError } from "@kexin/core";
import { ChainStore } from "./chainStore.ts";

/** Written into a data folder by the process that has it open, with that process's id. */
export const dataDirLockFile = "node.pid";

/** `pid` is null when the process that took the folder could not be named. */
export class DataDirInUseError extends KexinError<{ code: "STORE_IN_USE"; pid: number | null }> {}

/**
 * The live process that holds a data folder, if any. A lock left by a process that died (killed
 * with SIGKILL, say) names a process that no longer exists and does not count.
 */
function dataDirHolder(dataDir: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(join(dataDir, dataDirLockFile), "utf8");
  } catch {
    return undefined;
  }
  const pid = Number.parseInt(text, 10);
  if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
  if (pid === process.pid) return pid;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as { code?: unknown }).code === "EPERM" ? pid : undefined;
  }
}

/**
 * Claims a data folder for this process, so that a second node, or an index rebuild, cannot open
 * it while a node runs on it (two writers would each take the chain for their own). Returns the
 * release; throws DataDirInUseError when a live process holds the folder.
 */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, dataDirLockFile);
  const refuse = (pid: number | undefined): DataDirInUseError =>
    new DataDirInUseError(
      { code: "STORE_IN_USE", pid: pid ?? null },
      `the data folder ${dataDir} is in use by ${pid === undefined ? "another process" : `process ${pid}${pid === process.pid ? " (this one)" : ""}`}; stop the node that runs on it first`,
    );
  const holder = dataDirHolder(dataDir);
  if (holder !== undefined) throw refuse(holder);
  rmSync(path, { force: true });
  let descriptor: number;
  try {
    // Exclusive create: of two processes starting at once, one gets the folder.
    descriptor = openSync(path, "wx");
  } catch (error) {
    // Another process took the folder between the check and the create.
    if ((error as { code?: unknown }).code === "EEXIST") throw refuse(dataDirHolder(dataDir));
    throw error;
  }
  try {
    writeSync(descriptor, `${process.pid}\n`);
  } finally {
    closeSync(descriptor);
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (dataDirHolder(dataDir) === process.pid) rmSync(path, { force: true });
  };
}

/** Claims the data folder for this process and opens its store; close the store, then release. */
export function openLockedStore(dataDir: string): { readonly store: ChainStore; readonly release: () => void } {
  const release = lockDataDir(dataDir);
  try {
    return { store: new ChainStore({ path: dataDir }), release };
  } catch (error) {
    release();
    throw error;
  }
}
