import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { decodeHeader } from "@kexin/core";
import { type Ledger, ManualScheduler, issueCall, openLedger, openSolo, signedTxs, testChainSpec, waitUntil } from "./consensus/ledgerFixture.ts";
import { startTestChain, waitForCommitted } from "./support.ts";

const opened: Ledger[] = [];
afterEach(async () => {
  for (const ledger of opened.splice(0)) await ledger.close();
});

test("default: solo makes no block while idle, cuts one at once when a transaction arrives, and none after", async () => {
  const spec = testChainSpec(1);
  const ledger = openLedger(spec);
  opened.push(ledger);
  const scheduler = new ManualScheduler();
  const solo = openSolo(spec, ledger, scheduler);
  try {
    // No timer is pending, so nothing can ever cut a block until a transaction arrives.
    assert.deepEqual(scheduler.pending(), [], "idle: nothing scheduled");
    await ledger.intake.submit(signedTxs(spec, 0, 0, 1, issueCall(spec, 0)), "client");
    await waitUntil("solo to hear of the transaction", () => scheduler.pending().length > 0);
    assert.deepEqual(scheduler.pending(), [0], "a lone transaction on an idle engine waits for no timer");
    assert.ok(scheduler.runNext());
    assert.equal(ledger.store.head()?.height, 1, "block 1 is committed");
    assert.equal(ledger.store.getBlock(1)?.txs.length, 1);
    assert.deepEqual(scheduler.pending(), [], "with the mempool empty, no further block is scheduled");
  } finally {
    await solo.close();
  }
});

test("behavior: an idle engine waits idleBlockDelayMs for company, but not when a full block's worth waits", async () => {
  const spec = testChainSpec(1);
  const ledger = openLedger(spec);
  opened.push(ledger);
  const scheduler = new ManualScheduler();
  const solo = openSolo(spec, ledger, scheduler, { blockTxsMax: 3, idleBlockDelayMs: 20 });
  try {
    await ledger.intake.submit(signedTxs(spec, 0, 0, 1, issueCall(spec, 0)), "client");
    await waitUntil("solo to hear of the transaction", () => scheduler.pending().length > 0);
    assert.deepEqual(scheduler.pending(), [20], "the first transaction waits for others");
    await ledger.intake.submit(signedTxs(spec, 0, 1, 2, issueCall(spec, 0)), "client");
    await waitUntil("the full block to replace the delay", () => scheduler.pending()[0] === 0);
    assert.deepEqual(scheduler.pending(), [0], "a full block's worth is cut at once");
    assert.ok(scheduler.runNext());
    assert.equal(ledger.store.getBlock(1)?.txs.length, 3);
    assert.deepEqual(scheduler.pending(), []);
  } finally {
    await solo.close();
  }
});

test("behavior: under load the next block starts as soon as the previous is committed, full or not", async () => {
  const spec = testChainSpec(1);
  const ledger = openLedger(spec);
  opened.push(ledger);
  const scheduler = new ManualScheduler();
  const solo = openSolo(spec, ledger, scheduler, { blockTxsMax: 3, idleBlockDelayMs: 20 });
  try {
    await ledger.intake.submit(signedTxs(spec, 0, 0, 7, issueCall(spec, 0)), "client");
    await waitUntil("solo to hear of the transactions", () => scheduler.pending().length > 0);
    const delays: number[][] = [];
    while (scheduler.pending().length > 0) {
      delays.push(scheduler.pending());
      scheduler.runNext();
    }
    assert.deepEqual(delays, [[0], [0], [0]], "two full blocks, then the remainder, none waiting for the idle delay");
    assert.deepEqual([1, 2, 3].map((height) => ledger.store.getBlock(height)?.txs.length), [3, 3, 1]);
  } finally {
    await solo.close();
  }
});

test("behavior: blockTxsMax splits pending transactions over blocks in nonce order, and times never go back", async () => {
  const chain = await startTestChain({ solo: { blockTxsMax: 3 } });
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
