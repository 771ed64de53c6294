import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { intlSuite } from "@kexin/core";
import { open } from "lmdb";
import { StoreMismatchError } from "../src/chainState.ts";
import { startTestChain, waitForCommitted } from "./support.ts";

/** A chain on dataDir with one committed transaction, stopped again. */
async function chainWithOneCommit(dataDir: string) {
  const validatorKey = intlSuite.generatePrivateKey();
  const first = await startTestChain({ dataDir, validatorKey });
  const signed = await first.sign(first.accounts.alice, { module: "points", type: "issue", payload: { to: "00".repeat(20), amount: 1 } });
  await first.post("/v1/txs", { tx: signed.hex });
  await waitForCommitted(first, signed.hash);
  await first.close();
  return { validatorKey, first, signed };
}

test("error: a data folder from another chain is refused and left as it was", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "kexin-mismatch-"));
  try {
    const { validatorKey, first, signed } = await chainWithOneCommit(dataDir);

    // Same folder, a different genesis (fresh keys): must not start on the other chain's state.
    await assert.rejects(startTestChain({ dataDir }), (error: unknown) => error instanceof StoreMismatchError && error.code === "STORE_GENESIS_MISMATCH");

    await assert.rejects(startTestChain({ dataDir, genesis: first.genesis }), /not the genesis validator's/, "the right genesis with another validator key is refused too");

    const reopened = await startTestChain({ dataDir, genesis: first.genesis, validatorKey });
    try {
      assert.equal((await reopened.get(`/v1/txs/${signed.hash}`)).body.status, "committed", "the refused starts changed nothing");
    } finally {
      await reopened.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("error: a data folder in an older ledger format is refused, naming both formats, and left as it was", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "kexin-format-"));
  try {
    const { validatorKey, first, signed } = await chainWithOneCommit(dataDir);

    // A folder written before formats were recorded has no ledgerFormat entry: format 1.
    const root = open({ path: dataDir, maxDbs: 16 });
    const meta = root.openDB<Uint8Array, Uint8Array>({ name: "meta", encoding: "binary", keyEncoding: "binary", cache: false });
    const formatKey = new TextEncoder().encode("ledgerFormat");
    const recorded = meta.getBinary(formatKey);
    assert.ok(recorded, "a new folder records its format");
    meta.removeSync(formatKey);
    await root.close();

    await assert.rejects(
      startTestChain({ dataDir, genesis: first.genesis, validatorKey }),
      (error: unknown) =>
        error instanceof StoreMismatchError &&
        error.code === "STORE_FORMAT_UNSUPPORTED" &&
        /ledger format 1, and this node reads format 3/.test(error.message),
    );

    const restored = open({ path: dataDir, maxDbs: 16 });
    restored.openDB<Uint8Array, Uint8Array>({ name: "meta", encoding: "binary", keyEncoding: "binary", cache: false }).putSync(formatKey, recorded);
    await restored.close();
    const reopened = await startTestChain({ dataDir, genesis: first.genesis, validatorKey });
    try {
      assert.equal((await reopened.get(`/v1/txs/${signed.hash}`)).body.status, "committed", "the refused start changed nothing");
    } finally {
      await reopened.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
