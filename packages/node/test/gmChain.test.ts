import assert from "node:assert/strict";
import { test } from "node:test";
import { type ReceiptJson, verifyReceipt } from "@kexin/core";
import { startTestChain, waitForCommitted } from "./support.ts";

test("behavior: a gm chain (SM2 keys of 130 hex digits in genesis) starts, commits and issues receipts that verify", async () => {
  const chain = await startTestChain({ suite: "gm" });
  try {
    const tx = await chain.sign(chain.accounts.alice, { module: "points", type: "issue", payload: { to: "00".repeat(20), amount: 5 } });
    const accepted = await chain.post("/v1/txs", { tx: tx.hex });
    assert.equal(accepted.status, 202, `admitted: ${JSON.stringify(accepted.body)}`);
    const committed = await waitForCommitted(chain, tx.hash);
    const receipt = committed.receipt as ReceiptJson;
    assert.equal(receipt.suite, "gm", "the receipt names the gm suite");
    const verification = verifyReceipt(receipt, { chainId: chain.genesis.chainId });
    assert.ok(verification.ok, `the receipt verifies: ${verification.error}`);
  } finally {
    await chain.close();
  }
});
