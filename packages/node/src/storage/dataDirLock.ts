import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readFileSync, realpathSync, writeSync } from "node:fs";
import { join } from "node:path";
import { KexinError } from "@kexin/core";
import { tryLock } from "fs-native-extensions";
import type { ChainStore } from "./chainStore.ts";
import { LmdbChainStore } from "./lmdbChainStore.ts";

/**
 * The file in a data folder on which the process using the folder holds an exclusive lock (an open
 * file description lock on Linux, through fs-native-extensions, which ships prebuilt binaries). It
 * also says that process's id, for the message a second process gets; the id decides nothing.
 */
export const dataDirLockFile = "node.lock";

/** `pid` is null when the process that holds the folder could not be named. */
export class DataDirInUseError extends KexinError<{ code: "STORE_IN_USE"; pid: number | null }> {}

/** Lock files this process holds, by the path it opened them with. */
const heldHere = new Set<string>();

function lockHolderPid(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, "utf8"), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Claims a data folder for this process, so that a second node, or an index rebuild, cannot open
 * it while a node runs on it (two writers would each take the chain for their own). The kernel
 * drops the lock when the process ends however it ends, so a folder left by a killed node is free
 * at once, whatever process ids are reused: in a container the node is process 1 on every start.
 * Returns the release; throws DataDirInUseError while another holder lives, in this process too.
 */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(realpathSync(dataDir), dataDirLockFile);
  const refuse = (pid: number | null, holder: string): DataDirInUseError =>
    new DataDirInUseError({ code: "STORE_IN_USE", pid }, `the data folder ${dataDir} is in use by ${holder}; stop the node that runs on it first`);
  // Another process may carry this process's id in its own pid namespace (both are 1 in containers): only a lock taken here is "this one".
  if (heldHere.has(path)) throw refuse(process.pid, `this process (${process.pid})`);
  // Opened without truncating, so a refused process does not erase the holder's id.
  const descriptor = openSync(path, "a+");
  let granted: boolean;
  try {
    granted = tryLock(descriptor);
  } catch (error) {
    closeSync(descriptor);
    throw error;
  }
  if (!granted) {
    closeSync(descriptor);
    const pid = lockHolderPid(path);
    throw refuse(pid, pid === null ? "another process" : `process ${pid}`);
  }
  ftruncateSync(descriptor, 0);
  writeSync(descriptor, `${process.pid}\n`);
  heldHere.add(path);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    heldHere.delete(path);
    ftruncateSync(descriptor, 0);
    // Closing the descriptor drops the lock; the file stays, so no process ever locks a file another has just replaced.
    closeSync(descriptor);
  };
}

/**
 * Who runs on a data folder: undefined when nobody holds its lock (or it does not exist), else the
 * holder's process id as its lock file says (null if unreadable). It takes and drops the lock at
 * once when it is free, so it is an answer for this instant only.
 */
export function dataDirHolder(dataDir: string): number | null | undefined {
  if (!existsSync(join(dataDir, dataDirLockFile))) return undefined;
  try {
    lockDataDir(dataDir)();
    return undefined;
  } catch (error) {
    if (error instanceof DataDirInUseError) return error.type.pid;
    throw error;
  }
}

/** Claims the data folder for this process and opens its store; close the store, then release. */
export function openLockedStore(dataDir: string): { readonly store: ChainStore; readonly release: () => void } {
  const release = lockDataDir(dataDir);
  try {
    return { store: new LmdbChainStore({ path: dataDir }), release };
  } catch (error) {
    release();
    throw error;
  }
}
