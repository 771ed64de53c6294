import assert from "node:assert/strict";
import { test } from "node:test";
import { startTestChain } from "./support.ts";

test("behavior: a block that cannot be written halts the engine, reports it on /healthz and commits nothing", async () => {
  const chain = await startTestChain();
  try {
    const signed = await chain.sign(chain.accounts.alice, { module: "points", type: "issue", payload: { to: "00".repeat(20), amount: 1 } });
    // Storage failing underneath the node (a full disk, say): the next block cannot be written.
    chain.node.store.commitBlock = () => {
      throw new Error("MDB_MAP_FULL: mapsize limit reached");
    };
    assert.equal((await chain.post("/v1/txs", { tx: signed.hex })).status, 202);
    const deadline = Date.now() + 5_000;
    let health = await chain.get("/healthz");
    while (health.status === 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      health = await chain.get("/healthz");
    }
    assert.equal(health.status, 503, JSON.stringify(health.body));
    assert.equal(health.body.status, "halted");
    assert.equal(health.body.height, 0);
    assert.match(String(health.body.reason), /MDB_MAP_FULL/);
    assert.equal(chain.node.store.head()?.height, 0, "nothing was committed");
    const status = await chain.get("/v1/status");
    assert.match(String((status.body.consensusState as { halted: unknown }).halted), /MDB_MAP_FULL/, "status names why consensus halted");
    const metrics = await (await fetch(`${chain.url}/metrics`)).text();
    assert.match(metrics, /^kexin_consensus_halts_total 1$/m, "the halt is counted");
  } finally {
    await chain.close();
  }
});
