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

/**
 * Whole system calls of an `strace -f` log, one per line with its thread id first. When threads
 * interleave, strace splits a call into "<unfinished ...>" and "<... name resumed>" lines; those
 * are joined here so a slow fdatasync or openat reads as one call, at the line where it started.
 */
function calls(log: string): { thread: string; call: string }[] {
  const joined: { thread: string; call: string }[] = [];
  const pending = new Map<string, number>();
  for (const line of log.split("\n")) {
    const parsed = /^(\d+)\s+(.*)$/.exec(line);
    if (!parsed) continue;
    const [, thread = "", rest = ""] = parsed;
    const unfinished = /^(.*) <unfinished \.\.\.>$/.exec(rest);
    const resumed = /^<\.\.\. \w+ resumed>(.*)$/.exec(rest);
    const started = pending.get(thread);
    if (resumed && started !== undefined) {
      const entry = joined[started] as { thread: string; call: string };
      entry.call += resumed[1] ?? "";
      pending.delete(thread);
    } else if (unfinished) {
      pending.set(thread, joined.length);
      joined.push({ thread, call: unfinished[1] ?? "" });
    } else joined.push({ thread, call: rest });
  }
  return joined;
}

/** The system calls of the marking thread between each "<<begin X>>" and "<<returned X>>" marker. */
function segments(log: readonly { thread: string; call: string }[]): Segment[] {
  const found: Segment[] = [];
  let open: { name: string; thread: string; calls: string[] } | undefined;
  for (const { thread, call } of log) {
    const begin = /<<begin ([^>]+)>>/.exec(call);
    const end = /<<returned ([^>]+)>>/.exec(call);
    if (begin) open = { name: begin[1] as string, thread, calls: [] };
    else if (end && open) {
      found.push({ name: open.name, calls: open.calls });
      open = undefined;
    } else if (open && thread === open.thread) open.calls.push(call);
  }
  return found;
}

/** Descriptors of data.mdb: written with a later fdatasync, and the O_DSYNC one LMDB writes meta pages through. */
function dataFileDescriptors(log: readonly { call: string }[]): { plain: Set<string>; dsync: Set<string> } {
  const plain = new Set<string>();
  const dsync = new Set<string>();
  for (const { call } of log) {
    const match = /^openat\([^"]*"[^"]*\/data\.mdb", ([A-Z_|]+)[^)]*\)\s*= (\d+)/.exec(call);
    if (match) (match[1]?.includes("O_DSYNC") ? dsync : plain).add(match[2] as string);
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
    const log = calls(readFileSync(trace, "utf8"));
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

test("behavior: a call strace splits around another thread's call is read as one call of its own thread", () => {
  const log = [
    '7 openat(AT_FDCWD, "/d/data.mdb", O_WRONLY|O_DSYNC|O_CLOEXEC <unfinished ...>',
    "8 write(24, \"\\1\", 8) = 8",
    "7 <... openat resumed>) = 26",
    '7 write(2, "<<begin block 1>>\\n", 18) = 18',
    "7 fdatasync(20 <unfinished ...>",
    "8 fdatasync(20) = 0",
    "7 <... fdatasync resumed>) = 0",
    '7 write(2, "<<returned block 1>>\\n", 21) = 21',
  ].join("\n");
  const parsed = calls(log);
  assert.deepEqual(dataFileDescriptors(parsed).dsync, new Set(["26"]));
  assert.deepEqual(segments(parsed), [{ name: "block 1", calls: ["fdatasync(20) = 0"] }]);
});
