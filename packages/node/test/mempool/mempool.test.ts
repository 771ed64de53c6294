import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { type Ledger, issueCall, openLedger, signedTxs, testChainSpec } from "../consensus/ledgerFixture.ts";

const opened: Ledger[] = [];
afterEach(async () => {
  for (const ledger of opened.splice(0)) await ledger.close();
});

test("behavior: a waiting transaction is dropped, with its account's later nonces, once the chain passes its expiry; others stay", async () => {
  const spec = testChainSpec(2);
  const proposer = openLedger(spec, { proposerKey: spec.validatorKeys[0] });
  const node = openLedger(spec);
  opened.push(proposer, node);
  const expiring = signedTxs(spec, 0, 0, 3, issueCall(spec, 0), 2);
  const lasting = signedTxs(spec, 1, 0, 2, issueCall(spec, 1));
  const outcomes = await node.intake.submit([...expiring, ...lasting], "client");
  assert.equal(outcomes.filter((outcome) => "admitted" in outcome).length, 5, "all five are admitted");
  // Empty blocks from a proposer whose mempool holds nothing.
  for (const height of [1, 2]) {
    const block = proposer.application.buildBlock(height, 0);
    proposer.commit(height, block);
    node.commit(height, block);
    assert.equal(node.mempool.size, height === 1 ? 5 : 2, `after block ${height}: ${height === 1 ? "expiry 2 can still be included in block 2" : "expiry 2 has passed"}`);
  }
  assert.equal(node.mempool.nextNonce(node.mempool.reap(10, 1 << 20)[0]?.address ?? ""), 2, "the lasting account keeps both nonces");
});

test("behavior: the mempool tells its listeners once after a run of admissions, never for a refusal, and not after unsubscribing", async () => {
  const spec = testChainSpec(1);
  const node = openLedger(spec);
  opened.push(node);
  let told = 0;
  const unsubscribe = node.mempool.onTxsAvailable(() => (told += 1));
  const txs = signedTxs(spec, 0, 0, 3, issueCall(spec, 0));
  await node.intake.submit(txs.slice(0, 2), "client");
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(told, 1, "one signal for two transactions admitted together");
  await node.intake.submit(txs.slice(0, 1), "client");
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(told, 1, "a refused duplicate signals nothing");
  unsubscribe();
  await node.intake.submit(txs.slice(2), "client");
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(node.mempool.size, 3);
  assert.equal(told, 1, "an unsubscribed listener hears nothing");
});
