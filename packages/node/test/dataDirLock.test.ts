import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { getSuite } from "@kexin/core";
import { rebuildDerivedIndex } from "../src/derivedIndexRebuild.ts";
import { DataDirInUseError, dataDirLockFile } from "../src/storage/index.ts";
import { startTestChain } from "./support.ts";

const folders: string[] = [];
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

test("error: a second node on a running node's data folder is refused, and so is an index rebuild", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "kexin-lock-"));
  folders.push(dataDir);
  const validatorKey = getSuite("intl").generatePrivateKey();
  const first = await startTestChain({ dataDir, validatorKey });
  try {
    assert.equal(readFileSync(join(dataDir, dataDirLockFile), "utf8"), `${process.pid}\n`);
    await assert.rejects(startTestChain({ dataDir, validatorKey, genesis: first.genesis }), (error: unknown) => error instanceof DataDirInUseError && error.type.pid === process.pid);
    await assert.rejects(rebuildDerivedIndex({ dataDir, genesis: first.genesis }), (error: unknown) => error instanceof DataDirInUseError);
    assert.equal((await first.get("/healthz")).status, 200, "the running node is untouched");
  } finally {
    await first.close();
  }
  assert.equal(existsSync(join(dataDir, dataDirLockFile)), false, "closing the node releases the folder");
  const again = await startTestChain({ dataDir, validatorKey, genesis: first.genesis });
  await again.close();
});

test("behavior: a lock left by a process that died does not keep the folder", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "kexin-lock-"));
  folders.push(dataDir);
  // A process id that was alive a moment ago and is not any more, as after a SIGKILL.
  const exited = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  writeFileSync(join(dataDir, dataDirLockFile), `${exited.stdout}\n`);
  const chain = await startTestChain({ dataDir });
  try {
    assert.equal(readFileSync(join(dataDir, dataDirLockFile), "utf8"), `${process.pid}\n`, "the node took the folder over");
  } finally {
    await chain.close();
  }
});
