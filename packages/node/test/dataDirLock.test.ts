import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { after, test } from "node:test";
import { getSuite } from "@kexin/core";
import { rebuildDerivedIndex } from "../src/derivedIndexRebuild.ts";
import { DataDirInUseError, dataDirLockFile } from "../src/storage/index.ts";
import { startTestChain } from "./support.ts";

const folders: string[] = [];
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function newDataDir(): string {
  const dataDir = mkdtempSync(join(tmpdir(), "kexin-lock-"));
  folders.push(dataDir);
  return dataDir;
}

test("error: a second node on a running node's data folder is refused, and so is an index rebuild", async () => {
  const dataDir = newDataDir();
  const validatorKey = getSuite("intl").generatePrivateKey();
  const first = await startTestChain({ dataDir, validatorKey });
  try {
    assert.equal(readFileSync(join(dataDir, dataDirLockFile), "utf8"), `${process.pid}\n`);
    await assert.rejects(
      startTestChain({ dataDir, validatorKey, genesis: first.genesis }),
      (error: unknown) => error instanceof DataDirInUseError && error.type.pid === process.pid && /in use by this process/.test(error.message),
    );
    await assert.rejects(rebuildDerivedIndex({ dataDir, genesis: first.genesis }), (error: unknown) => error instanceof DataDirInUseError);
    assert.equal((await first.get("/healthz")).status, 200, "the running node is untouched");
  } finally {
    await first.close();
  }
  const again = await startTestChain({ dataDir, validatorKey, genesis: first.genesis });
  await again.close();
});

test("behavior: a lock file naming any process, this one included, does not keep the folder when nobody holds the lock", async () => {
  const dataDir = newDataDir();
  // What a killed node leaves; after a restart in a container its id is often the new node's own.
  writeFileSync(join(dataDir, dataDirLockFile), `${process.pid}\n`);
  const chain = await startTestChain({ dataDir });
  try {
    assert.equal(readFileSync(join(dataDir, dataDirLockFile), "utf8"), `${process.pid}\n`, "the node took the folder");
  } finally {
    await chain.close();
  }
});

test("behavior: another process holding the lock keeps the folder until it is killed, then the folder is free at once", async () => {
  const dataDir = newDataDir();
  const lockPath = join(dataDir, dataDirLockFile);
  const holderScript = `const fs = require("node:fs"); const { tryLock } = require("fs-native-extensions");
const descriptor = fs.openSync(${JSON.stringify(lockPath)}, "a+"); if (!tryLock(descriptor)) throw new Error("not locked");
fs.writeSync(descriptor, process.pid + "\\n"); process.stdout.write("locked\\n"); setInterval(() => {}, 1000);`;
  const holder = spawn(process.execPath, ["-e", holderScript], { cwd: new URL("..", import.meta.url).pathname, stdio: ["ignore", "pipe", "inherit"] });
  const exited = once(holder, "exit");
  try {
    const [first] = (await Promise.race([once(holder.stdout, "data"), exited.then(() => ["exited"])])) as [unknown];
    assert.equal(String(first), "locked\n", "the holder took the lock");
    await assert.rejects(startTestChain({ dataDir }), (error: unknown) => error instanceof DataDirInUseError && error.type.pid === holder.pid);
  } finally {
    holder.kill("SIGKILL");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  }
  const chain = await startTestChain({ dataDir });
  await chain.close();
});
