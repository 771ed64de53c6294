import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

const child = new URL("./commitChild.ts", import.meta.url).pathname;

interface Segment {
  readonly name: string;
  readonly calls: readonly string[];
}

/** The system calls between each "<<begin X>>" and "<<returned X>>" marker of an strace -f log. */
function segments(log: string): Segment[] {
  const found: Segment[] = [];
  let open: { name: string; calls: string[] } | undefined;
  for (const line of log.split("\n")) {
    const begin = /<<begin ([^>]+)>>/.exec(line);
    const end = /<<returned ([^>]+)>>/.exec(line);
    if (begin) open = { name: begin[1] as string, calls: [] };
    else if (end && open) {
      found.push(open);
      open = undefined;
    } else if (open) open.calls.push(line);
  }
  return found;
}

/** Descriptors of data.mdb: written with a later fdatasync, and the O_DSYNC one LMDB writes meta pages through. */
function dataFileDescriptors(log: string): { plain: Set<string>; dsync: Set<string> } {
  const plain = new Set<string>();
  const dsync = new Set<string>();
  for (const match of log.matchAll(/openat\([^"]*"[^"]*\/data\.mdb", ([A-Z_|]+)[^)]*\) = (\d+)/g)) {
    (match[1]?.includes("O_DSYNC") ? dsync : plain).add(match[2] as string);
  }
  return { plain, dsync };
}

test("behavior: commitBlock and appendWal return only after the data file is synced and the meta page written through O_DSYNC", { timeout: 90_000 }, (context) => {
  const folder = mkdtempSync(join(tmpdir(), "kexin-durable-"));
  try {
    const trace = join(folder, "strace.log");
    const run = spawnSync("strace", ["-f", "-qq", "-o", trace, "-e", "trace=openat,fdatasync,fsync,msync,pwrite64,pwritev,write", process.execPath, "--import", "tsx", child, join(folder, "data")], {
      encoding: "utf8",
      timeout: 60_000,
    });
    if (run.error && (run.error as NodeJS.ErrnoException).code === "ENOENT") {
      context.skip("strace is not installed (apt-get install strace)");
      return;
    }
    if (run.status !== 0 && /ptrace|Operation not permitted/.test(run.stderr)) {
      context.skip(`strace cannot trace here: ${run.stderr.trim().split("\n")[0] ?? ""}`);
      return;
    }
    assert.equal(run.status, 0, `the traced writer failed: ${run.stderr}`);
    const log = readFileSync(trace, "utf8");
    const { plain, dsync } = dataFileDescriptors(log);
    assert.ok(plain.size > 0 && dsync.size > 0, "data.mdb was opened both plainly and with O_DSYNC");
    const traced = segments(log);
    assert.deepEqual(
      traced.map((segment) => segment.name),
      ["block 1", "wal 1", "block 2", "wal 2", "block 3", "wal 3"],
    );
    for (const { name, calls } of traced) {
      const synced = calls.findIndex((call) => [...plain].some((fd) => call.includes(`fdatasync(${fd})`) || call.includes(`fsync(${fd})`)));
      assert.ok(synced >= 0, `${name}: no fdatasync of data.mdb before the call returned:\n${calls.join("\n")}`);
      const metaWritten = calls.slice(synced + 1).some((call) => [...dsync].some((fd) => call.includes(`pwrite64(${fd},`)));
      assert.ok(metaWritten, `${name}: no meta page written through the O_DSYNC descriptor after the sync:\n${calls.join("\n")}`);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
