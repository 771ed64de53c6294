import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { getSuite, importEncryptedKeyFile, signTx, toHex, verifyReceipt } from "@kexin/core";
import WebSocket from "ws";
import { type NodeProcess, freePort, startNodeProcess, waitFor } from "./support/nodeProcess.ts";

const home = mkdtempSync(join(tmpdir(), "kexin-crash-"));
const started: NodeProcess[] = [];
after(async () => {
  for (const node of started) await node.kill();
  rmSync(home, { recursive: true, force: true });
});

async function getJson(url: string): Promise<Record<string, unknown>> {
  const response = await fetch(url);
  return (await response.json()) as Record<string, unknown>;
}

test("behavior: SIGKILL mid-stream loses no reported commit, leaves no half block, and the chain goes on", { timeout: 180_000 }, async (context) => {
  const port = await freePort();
  const first = await startNodeProcess(home, port);
  started.push(first);

  const key = importEncryptedKeyFile(readFileSync(join(home, "keys", "alice.key"), "utf8"), "kexin-dev");
  const suite = getSuite(key.suite);
  const status = await getJson(`${first.url}/v1/status`);
  const chainId = status.chainId as string;
  const txCount = 2_000;
  const batchSize = 100;
  const txs = Array.from({ length: txCount }, (_, nonce) => {
    const recipient = toHex(suite.hash(new TextEncoder().encode(`recipient ${nonce % 50}`)).subarray(0, 20));
    const signed = signTx(suite, key.privateKey, { chainId, nonce, module: "points", type: "issue", payload: { to: recipient, amount: 1 + (nonce % 7) }, expiry: 1_000_000 });
    return { hex: toHex(signed.bytes), hash: toHex(signed.hash) };
  });

  // What the API reports committed: every block announced over the WebSocket.
  const reportedCommitted = new Set<string>();
  const socket = new WebSocket(`${first.url.replace("http", "ws")}/v1/ws`);
  socket.on("message", (data) => {
    const message = JSON.parse(String(data)) as { type: string; block?: { txs: string[] } };
    if (message.type === "block") for (const hash of message.block?.txs ?? []) reportedCommitted.add(hash);
  });
  socket.on("error", () => undefined);
  await new Promise((resolve) => socket.once("open", resolve));
  socket.send(JSON.stringify({ subscribe: "blocks" }));
  await new Promise((resolve) => setTimeout(resolve, 50));

  const killAfterBatches = 15;
  let submitted = 0;
  for (let start = 0; start < txCount; start += batchSize) {
    const body = JSON.stringify({ txs: txs.slice(start, start + batchSize).map((tx) => tx.hex) });
    const request = fetch(`${first.url}/v1/txs/batch`, { method: "POST", headers: { "content-type": "application/json" }, body });
    if (start / batchSize === killAfterBatches) {
      const settled = request.then(
        () => undefined,
        () => undefined,
      );
      // Kill while this batch is in flight and earlier ones are being cut into blocks.
      await new Promise((resolve) => setTimeout(resolve, 5));
      await first.kill("SIGKILL");
      await settled;
      break;
    }
    const answer = (await (await request).json()) as { accepted: number };
    assert.equal(answer.accepted, Math.min(batchSize, txCount - start));
    submitted += answer.accepted;
  }
  socket.terminate();
  assert.ok(submitted >= killAfterBatches * batchSize);
  assert.ok(reportedCommitted.size > 0, "some transactions were reported committed before the kill");

  const second = await startNodeProcess(home, port);
  started.push(second);
  const head = (await getJson(`${second.url}/v1/status`)).height as number;

  // Every block from 1 to the head is whole: it links to its parent and each of its transactions is indexed with a result.
  const onChain = new Map<string, number>();
  let previousHash: string | undefined;
  for (let height = 1; height <= head; height++) {
    const block = (await getJson(`${second.url}/v1/blocks/${height}`)) as { hash: string; header: { prevHash: string }; txs: string[] };
    if (previousHash !== undefined) assert.equal(block.header.prevHash, previousHash, `block ${height} links to block ${height - 1}`);
    previousHash = block.hash;
    for (const hash of block.txs) onChain.set(hash, height);
  }
  assert.equal((await fetch(`${second.url}/v1/blocks/${head + 1}`)).status, 404, "nothing exists beyond the head");

  for (const hash of reportedCommitted) assert.ok(onChain.has(hash), `reported-committed transaction ${hash} survived the crash`);
  const committedPrefix = txs.findIndex((tx) => !onChain.has(tx.hash));
  const committedCount = committedPrefix === -1 ? txs.length : committedPrefix;
  assert.equal(onChain.size, committedCount, "the chain holds exactly a prefix of alice's nonces");
  for (const tx of txs.slice(0, committedCount).filter((_, index) => index % 97 === 0)) {
    const answer = await getJson(`${second.url}/v1/txs/${tx.hash}`);
    assert.equal(answer.status, "committed");
    const verification = verifyReceipt(answer.receipt);
    assert.ok(verification.ok, verification.error);
  }
  context.diagnostic(`submitted ${submitted + batchSize} before SIGKILL; ${reportedCommitted.size} reported committed; ${committedCount} on chain at height ${head} after restart`);
  const account = await getJson(`${second.url}/v1/accounts/${toHex(suite.hash(key.publicKey).subarray(0, 20))}`);
  assert.equal(account.nonce, committedCount, "the account's nonce matches what is on chain");

  // The chain goes on: the rest of the stream commits after the restart.
  const rest = txs.slice(committedCount);
  for (let start = 0; start < rest.length; start += batchSize) {
    const response = await fetch(`${second.url}/v1/txs/batch`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ txs: rest.slice(start, start + batchSize).map((tx) => tx.hex) }),
    });
    const answer = (await response.json()) as { accepted: number; results: { error?: { code: string } }[] };
    assert.equal(answer.accepted, Math.min(batchSize, rest.length - start), JSON.stringify(answer.results.find((result) => result.error)));
  }
  const last = txs[txs.length - 1]!;
  await waitFor("the last transaction to commit", async () => ((await getJson(`${second.url}/v1/txs/${last.hash}`)).status === "committed" ? true : undefined), 60_000);
  assert.ok(((await getJson(`${second.url}/v1/status`)).height as number) > head);
  await second.kill("SIGTERM");
});
