import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { getSuite, importEncryptedKeyFile, signTx, toHex } from "@kexin/core";
import WebSocket from "ws";
import { type NodeProcess, freePort, startNodeProcess, waitFor } from "./support/nodeProcess.ts";
import { getJson } from "./support/testnet.ts";

/**
 * SIGKILLs a solo node the moment the first block of a batch is pushed on its WebSocket, restarts
 * it, and checks that every block it had announced is there, whole. `KEXIN_KILL_ROUNDS` sets how
 * many times (20 by default).
 *
 * A SIGKILL leaves the kernel's page cache intact, so on its own it cannot tell a commit that
 * reached the disk from one that was only written: that is what durableCommit.test.ts checks, at
 * the level of system calls. The restarts open LMDB with LMDB_RESTORE=safe, which makes lmdb-js
 * ignore a newest transaction that was never flushed; with the node's flags (overlappingSync off)
 * there is none, and should overlappingSync ever come back on, this test would then see a block
 * that was announced before its flush.
 */
const rounds = Number(process.env.KEXIN_KILL_ROUNDS ?? 20);
const txsPerRound = 20;
const announceTimeoutMs = 15_000;

const home = mkdtempSync(join(tmpdir(), "kexin-kill-on-announce-"));
const started: NodeProcess[] = [];
after(async () => {
  for (const node of started) await node.kill();
  rmSync(home, { recursive: true, force: true });
});

interface AnnouncedBlock {
  readonly height: number;
  readonly hash: string;
  readonly txs: readonly string[];
}

async function start(port: number): Promise<NodeProcess> {
  const node = await startNodeProcess(home, port, 60_000);
  started.push(node);
  return node;
}

/**
 * Every block announced so far must be found with its hash and transactions; those of the last
 * kill are also looked up one transaction at a time, each committed at the announced height.
 */
async function assertAnnouncedSurvived(url: string, everyAnnounced: readonly AnnouncedBlock[], lastKill: readonly AnnouncedBlock[]): Promise<void> {
  for (const block of everyAnnounced) {
    const stored = await getJson(`${url}/v1/blocks/${block.height}`);
    assert.equal(stored.hash, block.hash, `announced block ${block.height} is there with its hash after the restart (got ${JSON.stringify(stored).slice(0, 300)})`);
    assert.deepEqual(stored.txs, block.txs, `block ${block.height} holds the announced transactions`);
  }
  for (const block of lastKill) {
    for (const hash of block.txs) {
      const tx = await getJson(`${url}/v1/txs/${hash}`);
      assert.equal(tx.status, "committed", `transaction ${hash} of announced block ${block.height}`);
      assert.equal(tx.height, block.height, `transaction ${hash} is at the announced height`);
    }
  }
}

/** Subscribes to blocks; resolves once the node has confirmed the subscription. */
async function subscribeBlocks(url: string, onBlock: (block: AnnouncedBlock) => void): Promise<WebSocket> {
  const socket = new WebSocket(`${url.replace("http", "ws")}/v1/ws`);
  socket.on("error", () => undefined);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no WebSocket subscription within 10 s")), 10_000);
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as { type: string; block?: AnnouncedBlock };
      if (message.type === "subscribed") {
        clearTimeout(timer);
        resolve();
      } else if (message.type === "block" && message.block) onBlock({ height: message.block.height, hash: message.block.hash, txs: message.block.txs });
    });
    socket.once("open", () => socket.send(JSON.stringify({ subscribe: "blocks" })));
  });
  return socket;
}

test(`behavior: ${rounds} SIGKILLs at the moment a block is announced lose no announced block`, { timeout: 60_000 + rounds * 15_000 }, async (context) => {
  assert.ok(Number.isSafeInteger(rounds) && rounds >= 1, "KEXIN_KILL_ROUNDS must be a whole number ≥ 1");
  const port = await freePort();
  let node = await start(port);
  const key = importEncryptedKeyFile(readFileSync(join(home, "keys", "alice.key"), "utf8"), "kexin-dev");
  const suite = getSuite(key.suite);
  const address = toHex(suite.hash(key.publicKey).subarray(0, 20));
  const chainId = (await getJson(`${node.url}/v1/status`)).chainId as string;
  // Only the restarted nodes open LMDB with it; the test process opens none.
  process.env.LMDB_RESTORE = "safe";

  const everyAnnounced: AnnouncedBlock[] = [];
  let previous: AnnouncedBlock[] = [];
  for (let round = 0; round < rounds; round++) {
    if (round > 0) node = await start(port);
    await assertAnnouncedSurvived(node.url, everyAnnounced, previous);

    const nonce = (await getJson(`${node.url}/v1/accounts/${address}`)).nonce as number;
    const txs = Array.from({ length: txsPerRound }, (_, offset) =>
      toHex(signTx(suite, key.privateKey, { chainId, nonce: nonce + offset, module: "points", type: "issue", payload: { to: address, amount: 1 }, expiry: 1_000_000 }).bytes),
    );
    const announced: AnnouncedBlock[] = [];
    const victim = node;
    const socket = await subscribeBlocks(node.url, (block) => {
      // Kill on the first announcement; blocks already on the wire behind it count as announced too.
      if (announced.length === 0) victim.child.kill("SIGKILL");
      announced.push(block);
    });
    await fetch(`${node.url}/v1/txs/batch`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ txs }) }).catch(() => undefined);
    await waitFor("a block announcement", async () => (announced.length > 0 ? true : undefined), announceTimeoutMs);
    await node.kill();
    socket.terminate();
    assert.equal(node.child.signalCode, "SIGKILL", "the node died of the SIGKILL, not of anything else");
    assert.ok(announced.every((block) => block.txs.length > 0), "an announced block holds transactions");
    everyAnnounced.push(...announced);
    previous = announced;
  }

  node = await start(port);
  await assertAnnouncedSurvived(node.url, everyAnnounced, previous);
  context.diagnostic(`${rounds} kills, ${everyAnnounced.length} announced blocks checked, chain at height ${(await getJson(`${node.url}/v1/status`)).height as number}`);
  await node.kill("SIGTERM");
});
