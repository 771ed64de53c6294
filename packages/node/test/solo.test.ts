import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeHeader } from "@kexin/core";
import { startTestChain, waitForCommitted } from "./support.ts";

const idleMs = 300;

test("behavior: no empty blocks while idle, and a block is cut once transactions are pending", async () => {
  const chain = await startTestChain({ solo: { blockIntervalMs: 20 } });
  try {
    await new Promise((resolve) => setTimeout(resolve, idleMs));
    assert.equal(chain.node.store.head()?.height, 0, "an idle chain makes no blocks");
    const signed = await chain.sign(chain.accounts.alice, { module: "points", type: "issue", payload: { to: "00".repeat(20), amount: 1 } });
    await chain.post("/v1/txs", { tx: signed.hex });
    await waitForCommitted(chain, signed.hash);
    await new Promise((resolve) => setTimeout(resolve, idleMs));
    assert.equal(chain.node.store.head()?.height, 1, "no block follows once the mempool is empty");
  } finally {
    await chain.close();
  }
});

test("behavior: blockTxsMax splits pending transactions over blocks in nonce order, and times never go back", async () => {
  const chain = await startTestChain({ solo: { blockIntervalMs: 50, blockTxsMax: 3 } });
  try {
    const nonce = (await chain.get(`/v1/accounts/${chain.accounts.alice.address}`)).body.nonce as number;
    const txs = [];
    for (let offset = 0; offset < 7; offset++) {
      txs.push(await chain.sign(chain.accounts.alice, { module: "points", type: "issue", payload: { to: "00".repeat(20), amount: 1 } }, { nonce: nonce + offset }));
    }
    const batch = await chain.post("/v1/txs/batch", { txs: txs.map((tx) => tx.hex) });
    assert.equal(batch.body.accepted, 7);
    await waitForCommitted(chain, txs[6]!.hash);
    const sizes: number[] = [];
    let previousTime = 0;
    for (let height = 1; height <= (chain.node.store.head()?.height ?? 0); height++) {
      const block = chain.node.store.getBlock(height)!;
      sizes.push(block.txs.length);
      const header = decodeHeader(block.header);
      assert.ok(header.time >= previousTime, `block ${height} time does not go back`);
      previousTime = header.time;
    }
    assert.deepEqual(sizes, [3, 3, 1]);
  } finally {
    await chain.close();
  }
});
