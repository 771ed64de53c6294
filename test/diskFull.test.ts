import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { type CryptoSuite, getSuite, importEncryptedKeyFile, sealContent, signTx, toHex } from "@kexin/core";
import { initNodeHome } from "@kexin/node";
import WebSocket from "ws";
import { type NodeProcess, freePort, startNodeProcess, waitFor } from "./support/nodeProcess.ts";
import { mountTmpfs } from "./support/tmpfs.ts";

const mebibyte = 1024 * 1024;
/**
 * LMDB reserves its map (64 GiB) as address space only: its data file grows page by page as blocks
 * are written, so a fresh chain takes well under a megabyte of this disk.
 */
const diskBytes = 64 * mebibyte;
/** The chain's reserve; uploads keep twice as much (32 MiB) by default. */
const diskReserveBytes = 16 * mebibyte;
const envelopeContentBytes = 4 * mebibyte;
/** What the filler leaves above the chain's reserve for blocks: room for a few thousand transactions. */
const blockRoomBytes = 2 * mebibyte;
const batchSize = 200;
const txsMax = 100_000;

function freeBytes(path: string): number {
  const stats = statfsSync(path);
  return stats.bavail * stats.bsize;
}

async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

interface Signer {
  readonly suite: CryptoSuite;
  readonly privateKey: Uint8Array;
  readonly address: string;
}

function issueTx(signer: Signer, chainId: string, nonce: number): { hex: string; hash: string } {
  const recipient = toHex(signer.suite.hash(new TextEncoder().encode(`recipient ${nonce % 50}`)).subarray(0, 20));
  const signed = signTx(signer.suite, signer.privateKey, { chainId, nonce, module: "points", type: "issue", payload: { to: recipient, amount: 1 }, expiry: 1_000_000 });
  return { hex: toHex(signed.bytes), hash: toHex(signed.hash) };
}

async function uploadEnvelope(url: string, signer: Signer, chainId: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const { envelope } = sealContent(signer.suite, randomBytes(envelopeContentBytes));
  const hash = toHex(signer.suite.hash(envelope));
  const authorisation = signTx(signer.suite, signer.privateKey, { chainId, nonce: 0, module: "evidence", type: "store_blob", payload: { hash, size: envelope.length }, expiry: 0 });
  const response = await fetch(`${url}/v1/evidence/blobs/${hash}`, {
    method: "PUT",
    headers: { "content-type": "application/octet-stream", "x-kexin-authorisation": toHex(authorisation.bytes) },
    body: Buffer.from(envelope),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

test("behavior: on a filling disk uploads get 507, the node halts with DISK_SPACE_LOW before ENOSPC, says so on /healthz until stopped, and continues after space is freed", { timeout: 300_000 }, async (context) => {
  const tmpfs = mountTmpfs(diskBytes, "kexin-disk-full-");
  if (typeof tmpfs === "string") return context.skip(tmpfs);
  const started: NodeProcess[] = [];
  const sockets: WebSocket[] = [];
  try {
    const home = tmpfs.path;
    const dataDir = join(home, "data");
    await initNodeHome({ home, dev: true });
    const configPath = join(home, "config.json");
    writeFileSync(configPath, JSON.stringify({ ...JSON.parse(readFileSync(configPath, "utf8")), diskReserveBytes }, null, 2));
    const key = importEncryptedKeyFile(readFileSync(join(home, "keys", "alice.key"), "utf8"), "kexin-dev");
    const suite = getSuite(key.suite);
    const alice: Signer = { suite, privateKey: key.privateKey, address: toHex(suite.hash(key.publicKey).subarray(0, 20)) };

    const port = await freePort();
    const first = await startNodeProcess(home, port);
    started.push(first);
    const chainId = (await getJson(`${first.url}/v1/status`)).body.chainId as string;

    // What the API reports committed: every block announced over the WebSocket.
    const reportedCommitted = new Set<string>();
    let reportedHeight = 0;
    const socket = new WebSocket(`${first.url.replace("http", "ws")}/v1/ws`);
    sockets.push(socket);
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as { type: string; block?: { height: number; txs: string[] } };
      if (message.type !== "block" || !message.block) return;
      for (const hash of message.block.txs) reportedCommitted.add(hash);
      reportedHeight = Math.max(reportedHeight, message.block.height);
    });
    socket.on("error", () => undefined);
    await new Promise((resolve) => socket.once("open", resolve));
    socket.send(JSON.stringify({ subscribe: "blocks" }));
    await new Promise((resolve) => setTimeout(resolve, 50));

    // Uploads until the blob store refuses: each is either stored or refused for room, never a 500.
    const uploadAnswers: number[] = [];
    let refusal: Record<string, unknown> | undefined;
    for (let attempt = 0; attempt < 20 && refusal === undefined; attempt++) {
      const answer = await uploadEnvelope(first.url, alice, chainId);
      uploadAnswers.push(answer.status);
      if (answer.status !== 201) refusal = answer.body;
    }
    assert.ok(uploadAnswers.slice(0, -1).length > 0 && uploadAnswers.slice(0, -1).every((status) => status === 201), `stored until refused: ${uploadAnswers.join(", ")}`);
    assert.equal(uploadAnswers.at(-1), 507, `the refusal is 507: ${JSON.stringify(refusal)}`);
    const uploadError = refusal?.error as { code: string; details: { limit: string; diskReserveBytes: number; freeBytes: number } };
    assert.equal(uploadError.code, "EVIDENCE_BLOB_STORE_FULL");
    assert.equal(uploadError.details.limit, "diskReserveBytes");
    assert.equal(uploadError.details.diskReserveBytes, 2 * diskReserveBytes);
    assert.ok(freeBytes(home) >= 2 * diskReserveBytes, "the uploads left the blob store's reserve free");
    context.diagnostic(`${uploadAnswers.length - 1} envelopes stored before 507; ${freeBytes(home)} bytes free`);

    // Another writer on the same disk (here a filler file) leaves the chain little more than its reserve.
    const fillerPath = join(home, "filler");
    writeFileSync(fillerPath, Buffer.alloc(freeBytes(home) - diskReserveBytes - blockRoomBytes));

    // Transactions, a batch at a time, until the node stops taking them.
    let nonce = 0;
    let health = await getJson(`${first.url}/healthz`);
    while (health.status === 200 && nonce < txsMax) {
      const batch = Array.from({ length: batchSize }, (_, index) => issueTx(alice, chainId, nonce + index));
      const response = await fetch(`${first.url}/v1/txs/batch`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ txs: batch.map((tx) => tx.hex) }) });
      const answer = (await response.json()) as { accepted?: number; error?: { code: string } };
      if (response.status === 503) {
        assert.equal(answer.error?.code, "NODE_HALTED", "a halted node refuses new transactions");
      } else {
        assert.equal(answer.accepted, batchSize, JSON.stringify(answer));
        nonce += batchSize;
        const last = batch.at(-1) as { hash: string };
        // The batch commits, or the node halts trying.
        await waitFor(
          "the batch to commit or the node to halt",
          async () => {
            if (reportedCommitted.has(last.hash)) return true;
            return (await getJson(`${first.url}/healthz`)).status === 503 ? true : undefined;
          },
          30_000,
        );
      }
      health = await getJson(`${first.url}/healthz`);
    }
    assert.equal(health.status, 503, `the node halted within ${txsMax} transactions`);
    context.diagnostic(`halted after ${nonce} transactions submitted, ${reportedCommitted.size} reported committed, at height ${String(health.body.height)}`);

    // The documented halted body, naming the reason, the folder, what is free and the reserve.
    assert.equal(health.body.status, "halted");
    const reason = String(health.body.reason);
    const named = /^DISK_SPACE_LOW: (\d+) bytes free for (.+), below its reserve of (\d+) bytes/.exec(reason);
    assert.ok(named, `the reason names the disk: ${reason}`);
    assert.equal(named[2], dataDir);
    assert.equal(Number(named[3]), diskReserveBytes);
    assert.ok(Number(named[1]) < diskReserveBytes);
    assert.ok(freeBytes(home) > 0, "the disk never filled");
    await waitFor("the WebSocket to report every committed block", async () => (reportedHeight === health.body.height ? true : undefined), 5_000);
    assert.ok(reportedCommitted.size > 0, "transactions committed before the halt");

    // The process stays up, answering health and reads, and takes no new work.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    assert.equal(first.child.exitCode, null, "the halted node is still running");
    const later = await getJson(`${first.url}/healthz`);
    assert.deepEqual(later, { status: 503, body: { status: "halted", height: health.body.height, reason } });
    assert.equal((await getJson(`${first.url}/v1/status`)).body.height, health.body.height);
    const refused = await fetch(`${first.url}/v1/txs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ tx: issueTx(alice, chainId, nonce).hex }) });
    assert.equal(refused.status, 503);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, "NODE_HALTED");

    await first.kill("SIGTERM");
    assert.equal(first.child.exitCode, 70, "a node stopped after a halt exits non-zero");
    const output = first.output();
    assert.match(output, /node closed after halting: DISK_SPACE_LOW: \d+ bytes free for /, "the exit message names the reason");
    assert.doesNotMatch(output, /Input\/output error|ENOSPC|MDB_/, "LMDB never found the disk full");

    // Space freed, the same folder restarted: everything reported committed is there, and the chain goes on.
    rmSync(fillerPath);
    const second = await startNodeProcess(home, port);
    started.push(second);
    assert.equal((await getJson(`${second.url}/v1/status`)).body.height, health.body.height, "the chain restarts at the height it halted at");
    for (const hash of reportedCommitted) {
      const answer = await getJson(`${second.url}/v1/txs/${hash}`);
      assert.equal(answer.body.status, "committed", `reported-committed transaction ${hash} is still committed`);
    }
    const committedNonce = (await getJson(`${second.url}/v1/accounts/${alice.address}`)).body.committedNonce as number;
    assert.equal(committedNonce, reportedCommitted.size, "the chain holds exactly what was reported committed");
    const next = Array.from({ length: 10 }, (_, index) => issueTx(alice, chainId, committedNonce + index));
    const resumed = await fetch(`${second.url}/v1/txs/batch`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ txs: next.map((tx) => tx.hex) }) });
    assert.equal(((await resumed.json()) as { accepted: number }).accepted, next.length);
    const last = next.at(-1) as { hash: string };
    await waitFor("a new transaction to commit after the restart", async () => ((await getJson(`${second.url}/v1/txs/${last.hash}`)).body.status === "committed" ? true : undefined), 30_000);
    assert.ok(((await getJson(`${second.url}/v1/status`)).body.height as number) > (health.body.height as number));
    await second.kill("SIGTERM");
    assert.equal(second.child.exitCode, 0, "a node that did not halt exits cleanly");
  } finally {
    for (const socket of sockets) socket.terminate();
    for (const node of started) await node.kill();
    tmpfs.unmount();
  }
});
