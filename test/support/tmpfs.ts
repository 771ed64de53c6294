import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A small tmpfs mounted on a fresh folder; unmount() unmounts it and removes the folder. */
export interface Tmpfs {
  readonly path: string;
  unmount(): void;
}

/**
 * Mounts a tmpfs of `sizeBytes` on a new temporary folder, so that a test can fill a disk without
 * touching the machine's. Answers why it cannot (not root, mount refused) instead of throwing, so
 * that the caller skips with that reason.
 */
export function mountTmpfs(sizeBytes: number, prefix: string): Tmpfs | string {
  if (process.getuid?.() !== 0) return "mounting a tmpfs needs root";
  const path = mkdtempSync(join(tmpdir(), prefix));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${sizeBytes}`, "tmpfs", path], { stdio: ["ignore", "ignore", "pipe"] });
  } catch (error) {
    rmSync(path, { recursive: true, force: true });
    return `mount -t tmpfs failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
  }
  let mounted = true;
  return {
    path,
    unmount() {
      if (!mounted) return;
      try {
        execFileSync("umount", [path], { stdio: ["ignore", "ignore", "pipe"] });
      } catch {
        // Something still holds a file open there (a process that did not exit in time): detach it now, free it when released.
        execFileSync("umount", ["--lazy", path], { stdio: ["ignore", "ignore", "pipe"] });
      }
      mounted = false;
      rmSync(path, { recursive: true, force: true });
    },
  };
}
