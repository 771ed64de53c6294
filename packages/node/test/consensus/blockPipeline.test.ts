import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { encodeHeader, signTx } from "@kexin/core";
import { BlockPipeline, BlockValidationError } from "../../src/blockPipeline/index.ts";
import { type Ledger, ManualScheduler, issueCall, openLedger, openSolo, signedTxs, suite, testChainSpec, unexecutedHeader, waitUntil } from "./ledgerFixture.ts";

const opened: Ledger[] = [];
afterEach(async () => {
  for (const ledger of opened.splice(0)) await ledger.close();
});

test("behavior: solo and bft commit through the same pipeline function, and make the same block of the same transactions", async (t) => {
  const spec = testChainSpec(1);
  const clock = { now: () => spec.genesis.genesisTime + 5_000 };
  const bft = openLedger(spec, { proposerKey: spec.validatorKeys[0], clock });
  const soloLedger = openLedger(spec, { clock });
  opened.push(bft, soloLedger);
  const commits = t.mock.method(BlockPipeline.prototype, "commitBlock");
  const scheduler = new ManualScheduler();
  const solo = openSolo(spec, soloLedger, scheduler);
  const txs = signedTxs(spec, 0, 0, 5, issueCall(spec, 0));
  await bft.intake.submit(txs, "client");
  await soloLedger.intake.submit(txs, "client");

  bft.commit(1, bft.application.buildBlock(1, 0));
  await waitUntil("solo to schedule a block", () => scheduler.pending().length === 1);
  assert.ok(scheduler.runNext());
  await solo.close();

  assert.equal(commits.mock.callCount(), 2, "one commit each");
  for (const call of commits.mock.calls) assert.ok(call.this instanceof BlockPipeline);
  const [bftCall, soloCall] = commits.mock.calls;
  assert.notEqual(bftCall?.this, soloCall?.this, "each engine has its own pipeline");
  const bftBlock = bft.store.getBlock(1);
  const soloBlock = soloLedger.store.getBlock(1);
  assert.ok(bftBlock && soloBlock);
  assert.deepEqual(soloBlock.header, bftBlock.header, "the same header, byte for byte");
  assert.deepEqual(soloBlock.txs, bftBlock.txs);
  assert.deepEqual(soloLedger.store.head()?.appHash, bft.store.head()?.appHash, "the same app hash");
  assert.equal(soloLedger.mempool.size, 0);
  assert.equal(bft.mempool.size, 0);
});

test("error: a transaction refused at admission is refused in a proposed block with the same code", async () => {
  const spec = testChainSpec(2);
  const ledger = openLedger(spec);
  opened.push(ledger);
  const [good] = signedTxs(spec, 0, 0, 1, issueCall(spec, 0)) as [Uint8Array];
  const forged = Uint8Array.from(good);
  forged[forged.length - 3]! ^= 1;
  const otherChain = signTx(suite, spec.senderKeys[0] as Uint8Array, { chainId: "another-chain", nonce: 0, ...issueCall(spec, 0), expiry: 1_000 }).bytes;
  const faulty: [string, Uint8Array][] = [
    ["TX_BAD_SIGNATURE", forged],
    ["TX_WRONG_CHAIN", otherChain],
    ["TX_NONCE_GAP", signedTxs(spec, 1, 3, 1, issueCall(spec, 1))[0] as Uint8Array],
    ["TX_EXPIRED", signedTxs(spec, 1, 0, 1, issueCall(spec, 1), 0)[0] as Uint8Array],
    ["TX_UNKNOWN_TYPE", signedTxs(spec, 1, 0, 1, { module: "points", type: "no_such_type", payload: {} })[0] as Uint8Array],
  ];
  const { hash: validatorsHash, set } = ledger.schedule.at(1);
  for (const [code, bytes] of faulty) {
    const [outcome] = await ledger.intake.submit([bytes], "client");
    assert.ok(outcome && "error" in outcome, `${code}: admission refuses`);
    assert.equal(outcome.error.code, code, "admission's code");
    const header = unexecutedHeader(spec, ledger, [bytes]);
    const headerBytes = encodeHeader(header);
    assert.throws(
      () => ledger.pipeline.checkBlock(1, { headerBytes, header, hash: suite.hash(headerBytes), txs: [bytes] }, { hash: validatorsHash, isValidator: (key) => set.indexOf(key) !== undefined }),
      (error: unknown) => {
        assert.ok(error instanceof BlockValidationError);
        assert.equal(error.code, "BLOCK_TX_INVALID");
        assert.ok(error.type.code === "BLOCK_TX_INVALID" && error.type.txCode === code, `the block names the transaction's code ${code}`);
        return true;
      },
    );
  }
});
