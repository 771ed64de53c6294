import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { intlSuite } from "@kexin/core";
import { StoreMismatchError } from "../src/chainState.ts";
import { startTestChain, waitForCommitted } from "./support.ts";

test("error: a data folder from another chain is refused and left as it was", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "kexin-mismatch-"));
  try {
    const validatorKey = intlSuite.generatePrivateKey();
    const first = await startTestChain({ dataDir, validatorKey });
    const signed = await first.sign(first.accounts.alice, { module: "points", type: "issue", payload: { to: "00".repeat(20), amount: 1 } });
    await first.post("/v1/txs", { tx: signed.hex });
    await waitForCommitted(first, signed.hash);
    await first.close();

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
