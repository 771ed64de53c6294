import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { getSuite, toHex } from "@kexin/core";
import pino from "pino";
import { haltReason } from "../src/consensus/index.ts";
import { parseGenesis } from "../src/genesis.ts";
import { createNode } from "../src/node.ts";
import { publicKeyHexFromSeed } from "../src/p2p/index.ts";
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
    const status = await chain.get("/v1/status");
    assert.match(String((status.body.consensusState as { halted: unknown }).halted), /MDB_MAP_FULL/, "status names why consensus halted");
    const metrics = await (await fetch(`${chain.url}/metrics`)).text();
    assert.match(metrics, /^kexin_consensus_halts_total 1$/m, "the halt is counted");
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

test("behavior: a bft validator below the disk reserve halts with DISK_SPACE_LOW at its first decided block, writes nothing, and enters no later round or height", async () => {
  const suite = getSuite("intl");
  const validatorKey = suite.generatePrivateKey();
  const nodeKeySeed = suite.generatePrivateKey();
  const genesis = parseGenesis({
    chainId: "kexin-halt-bft",
    suite: suite.id,
    genesisTime: 1_700_000_000_000,
    consensus: "bft",
    validators: [{ name: "v1", publicKey: toHex(suite.publicKeyOf(validatorKey)), power: 1 }],
    organisations: [{ id: "operator", name: "Operator", admins: [toHex(suite.publicKeyOf(suite.generatePrivateKey()))] }],
    nodes: [{ org: "operator", name: "node1", publicKey: publicKeyHexFromSeed(nodeKeySeed) }],
  });
  const dataDir = mkdtempSync(join(tmpdir(), "kexin-halt-bft-"));
  const halts: unknown[] = [];
  // Short timeouts, so that a replica that went on would enter later rounds, and log what it signs there, within the wait below.
  const timeouts = { proposeBaseMs: 100, proposeDeltaMs: 50, prevoteBaseMs: 50, prevoteDeltaMs: 25, precommitBaseMs: 50, precommitDeltaMs: 25 };
  const node = await createNode({
    genesis,
    dataDir,
    validatorPrivateKey: validatorKey,
    api: { host: "127.0.0.1", port: 0 },
    p2p: { nodeKeySeed, listen: { host: "127.0.0.1", port: 0 }, bootstrap: [] },
    bft: { emptyBlockIntervalMs: 20, timeouts },
    // A reserve beyond any disk this test runs on.
    diskReserveBytes: 2 ** 50,
    signatureWorkers: 0,
    logger: pino({ level: "silent" }),
    onHalt: (error) => halts.push(error),
  });
  try {
    const deadline = Date.now() + 10_000;
    while (halts.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(halts.length, 1, "the validator halted once");
    assert.match(haltReason(halts[0]), /^DISK_SPACE_LOW: \d+ bytes free for /);
    assert.equal(node.store.head()?.height, 0, "the decided block was not written");
    const signedAtHalt = node.store.walEntries(1).length;
    assert.ok(signedAtHalt > 0, "the validator proposed and voted at height 1 before deciding");
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    assert.equal(node.store.walEntries(1).length, signedAtHalt, "nothing more was logged or signed at height 1");
    assert.equal(node.store.walEntries(2).length, 0, "height 2 was never entered");
    const health = await fetch(`${node.url}/healthz`);
    assert.equal(health.status, 503);
    assert.equal(((await health.json()) as { reason: string }).reason, haltReason(halts[0]));
  } finally {
    await node.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
