import assert from "node:assert/strict";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { Worker } from "node:worker_threads";
import { getSuite } from "@kexin/core";
import { packSignatureChecks } from "../../src/mempool/signatureSlice.ts";

const replyTimeoutMs = 30_000;

/**
 * Every validator runs signature workers for its whole life, each a V8 isolate that keeps what
 * it loaded. Through core's index a worker would load every service's wire schemas and TypeBox,
 * about 20 MB per worker that verifying signatures never uses.
 */
test("behavior: a signature worker loads core's crypto, not core's index or the services' schemas", async (context) => {
  const directory = mkdtempSync(join(tmpdir(), "kexin-worker-modules-"));
  const log = join(directory, "modules.log");
  const worker = new Worker(new URL("../../src/mempool/signatureWorker.js", import.meta.url), {
    workerData: { suite: "intl" },
    execArgv: ["--import", new URL("./moduleLogRegister.mjs", import.meta.url).href],
    env: { ...process.env, KEXIN_TEST_MODULE_LOG: log },
  });
  context.after(async () => {
    await worker.terminate();
    rmSync(directory, { recursive: true, force: true });
  });
  const suite = getSuite("intl");
  const key = suite.generatePrivateKey();
  const message = new TextEncoder().encode("kexin");
  const signature = suite.sign(key, message);
  worker.postMessage({ id: 1, packed: packSignatureChecks([{ publicKey: suite.publicKeyOf(key), message, signature }]) });
  // A verdict means the worker's modules are all loaded.
  const [reply] = (await once(worker, "message", { signal: AbortSignal.timeout(replyTimeoutMs) })) as [{ id: number; verdicts: Uint8Array }];
  assert.deepEqual({ id: reply.id, verdicts: [...reply.verdicts] }, { id: 1, verdicts: [1] });

  const loaded = readFileSync(log, "utf8").split("\n").filter((url) => url.length > 0);
  const core = loaded.filter((url) => url.includes("/packages/core/src/"));
  assert.ok(core.some((url) => url.endsWith("/packages/core/src/crypto/index.ts")), `the worker's modules were recorded (core modules: ${core.join(", ")})`);
  const needless = loaded.filter((url) => url.endsWith("/packages/core/src/index.ts") || /\/packages\/core\/src\/(contracts|evidence|governance|identity|points|trace)\//.test(url) || url.includes("/@sinclair/typebox/"));
  assert.deepEqual(needless, []);
});
