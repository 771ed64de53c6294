import assert from "node:assert/strict";
import { test } from "node:test";
import { type TestChain, startTestChain, waitForCommitted } from "./support.ts";

async function waitForHalt(chain: TestChain): Promise<{ status: number; body: Record<string, unknown> }> {
  const deadline = Date.now() + 5_000;
  let health = await chain.get("/healthz");
  while (health.status === 200 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    health = await chain.get("/healthz");
  }
  return health;
}

test("behavior: a block that cannot be written halts the engine, reports it on /healthz and commits nothing", async () => {
  const chain = await startTestChain();
  try {
    const signed = await chain.sign(chain.accounts.alice, { module: "points", type: "issue", payload: { to: "00".repeat(20), amount: 1 } });
    // Storage failing underneath the node (a full disk, say): the next block cannot be written.
    chain.node.store.commitBlock = () => {
      throw new Error("MDB_MAP_FULL: mapsize limit reached");
    };
    assert.equal((await chain.post("/v1/txs", { tx: signed.hex })).status, 202);
    const health = await waitForHalt(chain);
    assert.equal(health.status, 503, JSON.stringify(health.body));
    assert.equal(health.body.status, "halted");
    assert.equal(health.body.height, 0);
    assert.match(String(health.body.reason), /MDB_MAP_FULL/);
    assert.equal(chain.node.store.head()?.height, 0, "nothing was committed");
  } finally {
    await chain.close();
  }
});

test("behavior: with less free disk than the reserve the engine halts with DISK_SPACE_LOW before writing, and the API takes no new work", async () => {
  // The same chain with the default reserve commits, and with a reserve beyond any disk this test runs on halts.
  const chain = await startTestChain();
  const short = await startTestChain({ diskReserveBytes: 2 ** 50 });
  try {
    const issue = { module: "points", type: "issue", payload: { to: "00".repeat(20), amount: 1 } };
    const committed = await chain.sign(chain.accounts.alice, issue);
    assert.equal((await chain.post("/v1/txs", { tx: committed.hex })).status, 202);
    await waitForCommitted(chain, committed.hash);

    const signed = await short.sign(short.accounts.alice, issue);
    assert.equal((await short.post("/v1/txs", { tx: signed.hex })).status, 202, "admission does not look at the disk");
    const health = await waitForHalt(short);
    assert.equal(health.status, 503, JSON.stringify(health.body));
    assert.equal(health.body.status, "halted");
    assert.equal(health.body.height, 0);
    const reason = String(health.body.reason);
    assert.match(reason, /^DISK_SPACE_LOW: \d+ bytes free for /);
    assert.ok(reason.includes(short.dataDir), `the reason names the data folder: ${reason}`);
    assert.ok(reason.includes(String(2 ** 50)), `the reason names the reserve: ${reason}`);
    assert.equal(short.node.store.head()?.height, 0, "nothing was committed");
    assert.equal(short.node.store.getBlock(1), undefined);

    const refused = await short.post("/v1/txs", { tx: (await short.sign(short.accounts.alice, issue, { nonce: 1 })).hex });
    assert.equal(refused.status, 503);
    const error = refused.body.error as { code: string; details: { height: number; reason: string } };
    assert.equal(error.code, "NODE_HALTED");
    assert.equal(error.details.height, 0);
    assert.equal(error.details.reason, reason);
    assert.equal((await short.get("/v1/status")).status, 200, "reads are still answered");
  } finally {
    await short.close();
    await chain.close();
  }
});
