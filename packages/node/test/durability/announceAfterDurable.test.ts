import assert from "node:assert/strict";
import { test } from "node:test";
import type { CommittedBlock } from "../../src/consensus/index.ts";
import type { Mempool } from "../../src/mempool/index.ts";
import type { ChainStore } from "../../src/storage/index.ts";
import { issueCall, openLedger, signedTxs, testChainSpec } from "../consensus/ledgerFixture.ts";
import { startTestChain, waitForCommitted } from "../support.ts";

/**
 * The order in which a block became durable (ChainStore.commitBlock returned, which is when it is
 * on disk: see durableCommit.test.ts), reached the mempool's committed state, and was announced
 * to block listeners, the API's WebSocket feed among them.
 */
class CommitOrder {
  readonly events: string[] = [];

  watchStore(store: ChainStore): void {
    const commitBlock = store.commitBlock.bind(store);
    store.commitBlock = (write) => {
      this.events.push(`commit started ${write.height}`);
      commitBlock(write);
      this.events.push(`durable ${write.height}`);
    };
  }

  watchMempool(mempool: Mempool): void {
    const afterBlock = mempool.afterBlock.bind(mempool);
    mempool.afterBlock = (txs, nextHeight) => {
      this.events.push(`mempool ${nextHeight - 1}`);
      afterBlock(txs, nextHeight);
    };
  }

  announced(block: CommittedBlock): void {
    this.events.push(`announced ${block.height}`);
  }

  heights(): number[] {
    return [...new Set(this.events.map((event) => Number(event.split(" ").at(-1))))];
  }
}

test("behavior: solo announces a block and marks its transactions committed only after the block is durable", { timeout: 60_000 }, async () => {
  const chain = await startTestChain({ solo: { blockTxsMax: 2 } });
  try {
    const order = new CommitOrder();
    order.watchStore(chain.node.store);
    order.watchMempool(chain.node.mempool);
    chain.node.consensus.onBlockCommitted((block) => order.announced(block));
    const txs = [];
    for (let nonce = 0; nonce < 3; nonce++) {
      txs.push(await chain.sign(chain.accounts.alice, { module: "points", type: "issue", payload: { to: "00".repeat(20), amount: 1 } }, { nonce }));
    }
    await chain.post("/v1/txs/batch", { txs: txs.map((tx) => tx.hex) });
    await waitForCommitted(chain, txs[2]!.hash);
    assert.deepEqual(order.heights(), [1, 2], "three transactions, at most two a block");
    for (const height of order.heights()) {
      assert.deepEqual(
        order.events.filter((event) => event.endsWith(` ${height}`)),
        [`commit started ${height}`, `durable ${height}`, `mempool ${height}`, `announced ${height}`],
      );
    }
  } finally {
    await chain.close();
  }
});

test("behavior: a BFT decision reaches the mempool and the block listeners only after the block is durable", { timeout: 60_000 }, async () => {
  const spec = testChainSpec(1);
  const order = new CommitOrder();
  const ledger = openLedger(spec, { proposerKey: spec.validatorKeys[0], onCommitted: (block) => order.announced(block) });
  try {
    order.watchStore(ledger.store);
    order.watchMempool(ledger.mempool);
    await ledger.intake.submit(signedTxs(spec, 0, 0, 3, issueCall(spec, 0)), "client");
    ledger.commit(1, ledger.application.buildBlock(1, 0));
    assert.deepEqual(order.events, ["commit started 1", "durable 1", "mempool 1", "announced 1"]);
  } finally {
    await ledger.close();
  }
});
