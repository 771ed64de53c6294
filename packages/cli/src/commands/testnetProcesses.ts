import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The file in a validator's home naming the process that `kexin testnet start` or `restart` runs it in. */
export const pidFileName = "node.pid";
/** Where a validator restarted in the background writes its output. */
export const nodeLogFileName = "node.log";

const cliEntry = new URL("../../bin/kexin.js", import.meta.url).pathname;

export function writePidFile(home: string, pid: number): void {
  writeFileSync(join(home, pidFileName), `${pid}\n`);
}

export function readPidFile(home: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(join(home, pidFileName), "utf8"), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Removes the pid file if it still names `pid`: a restarted validator's file names its new process. */
export function removePidFileOf(home: string, pid: number): void {
  if (readPidFile(home) === pid) rmSync(join(home, pidFileName), { force: true });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as { code?: unknown }).code === "EPERM";
  }
}

/** SIGTERM, then SIGKILL if the process is still there after `graceMs`; resolves once it is gone or `graceMs` after the SIGKILL. */
export async function stopProcess(pid: number, graceMs: number): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, "SIGTERM");
  if (await exitsWithin(pid, graceMs)) return;
  process.kill(pid, "SIGKILL");
  await exitsWithin(pid, graceMs);
}

async function exitsWithin(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** Runs `kexin start` for a validator home as a child of this process, its output piped here. */
export function spawnAttachedNode(home: string): ChildProcess {
  return spawn(process.execPath, [cliEntry, "start", "--home", home, "--json"], { stdio: ["ignore", "pipe", "pipe"] });
}

/** Runs `kexin start` for a validator home in the background, outliving this process, its output appended to node.log. */
export function spawnDetachedNode(home: string): { readonly child: ChildProcess; readonly logFile: string } {
  const logFile = join(home, nodeLogFileName);
  const descriptor = openSync(logFile, "a");
  try {
    const child = spawn(process.execPath, [cliEntry, "start", "--home", home, "--json"], { stdio: ["ignore", descriptor, descriptor], detached: true });
    child.unref();
    return { child, logFile };
  } finally {
    closeSync(descriptor);
  }
}
