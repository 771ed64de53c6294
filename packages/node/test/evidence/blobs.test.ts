import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, test } from "node:test";
import { addressOf, getSuite, sealContent, signTx, toHex, utf8 } from "@kexin/core";
import pino from "pino";
import { parseGenesis } from "../../src/genesis.ts";
import { type KexinNode, createNode } from "../../src/node.ts";

const suite = getSuite("intl");
const chainId = "kexin-blob-test";
const blobBytesMax = 64 * 1024;
const totalBytesMax = 200 * 1024;

function keyPair() {
  const privateKey = suite.generatePrivateKey();
  return { privateKey, address: addressOf(suite, suite.publicKeyOf(privateKey)) };
}
const validatorKey = suite.generatePrivateKey();
const admin = keyPair();
const member = keyPair();
const stranger = keyPair();
const genesis = parseGenesis({
  chainId,
  suite: suite.id,
  genesisTime: 1_700_000_000_000,
  consensus: "solo",
  validators: [{ name: "v1", publicKey: toHex(suite.publicKeyOf(validatorKey)), power: 1 }],
  organisations: [{ id: "notary", name: "Notary office", admins: [toHex(suite.publicKeyOf(admin.privateKey))] }],
  members: [{ org: "notary", address: member.address, name: "clerk", roles: [] }],
});

let dataDir: string;
let node: KexinNode;
const start = async () =>
  createNode({
    genesis,
    dataDir,
    validatorPrivateKey: validatorKey,
    api: { host: "127.0.0.1", port: 0 },
    services: { evidence: { blobs: { blobBytesMax, totalBytesMax } } },
    signatureWorkers: 0,
    logger: pino({ level: "silent" }),
  });

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "kexin-blobs-"));
  node = await start();
});
after(async () => {
  await node.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function envelopeOf(text: string): { bytes: Uint8Array; hash: string } {
  const { envelope } = sealContent(suite, utf8(text));
  return { bytes: envelope, hash: toHex(suite.hash(envelope)) };
}

function authorisation(signer: { privateKey: Uint8Array }, hash: string, size: number, overrides: { chainId?: string; type?: string } = {}): string {
  const signed = signTx(suite, signer.privateKey, { chainId: overrides.chainId ?? chainId, nonce: 0, module: "evidence", type: overrides.type ?? "store_blob", payload: { hash, size }, expiry: 0 });
  return toHex(signed.bytes);
}

async function upload(bytes: Uint8Array, options: { hash?: string; signer?: { privateKey: Uint8Array }; header?: string; method?: "PUT" | "POST" } = {}) {
  const hash = options.hash ?? toHex(suite.hash(bytes));
  const header = options.header ?? authorisation(options.signer ?? member, hash, bytes.length);
  const response = await fetch(`${node.url}/v1/evidence/blobs${options.method === "POST" ? "" : `/${hash}`}`, {
    method: options.method ?? "PUT",
    headers: { "content-type": "application/octet-stream", "x-kexin-authorisation": header },
    body: Buffer.from(bytes),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string } } };
}

/** Repeats `attempt` (bounded: 100 times, 20 ms apart) until its answer satisfies `done`. */
async function waitForAnswer<T>(attempt: () => Promise<T>, done: (answer: T) => boolean): Promise<T> {
  let answer = await attempt();
  for (let tries = 1; !done(answer) && tries < 100; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    answer = await attempt();
  }
  return answer;
}

describe("evidence blob store", () => {
  test("default: a member stores an envelope, anyone downloads it by hash, and a second upload changes nothing", async () => {
    const { bytes, hash } = envelopeOf("sealed statement of witness A");
    const first = await upload(bytes);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.deepEqual(first.body, { hash, size: bytes.length, created: true }, "the node answers the hash it computed");
    const download = await fetch(`${node.url}/v1/evidence/blobs/${hash.toUpperCase()}`);
    assert.equal(download.status, 200, "downloaded without any authorisation");
    assert.equal(download.headers.get("content-type"), "application/octet-stream");
    assert.deepEqual(new Uint8Array(await download.arrayBuffer()), bytes, "the same bytes come back");
    const head = await fetch(`${node.url}/v1/evidence/blobs/${hash}`, { method: "HEAD" });
    assert.equal(head.status, 200, "HEAD finds it");
    assert.equal(head.headers.get("content-length"), String(bytes.length), "HEAD gives its size");
    const again = await upload(bytes);
    assert.equal(again.status, 200, "a repeated upload is not an error");
    assert.deepEqual(again.body, { hash, size: bytes.length, created: false });
    const posted = await upload(bytes, { method: "POST" });
    assert.deepEqual(posted.body, { hash, size: bytes.length, created: false }, "POST without the hash in the path stores the same blob");
  });

  test("behavior: the routes are in the OpenAPI document", async () => {
    const document = (await (await fetch(`${node.url}/docs/json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const byHash = document.paths["/v1/evidence/blobs/{hash}"] ?? {};
    assert.ok(byHash.get && byHash.put && byHash.head, "download, upload and presence by hash");
    assert.ok(document.paths["/v1/evidence/blobs"]?.post, "upload without the hash in the path");
  });

  test("error: an unknown hash is 404 for GET and HEAD", async () => {
    const hash = toHex(suite.hash(utf8("never uploaded")));
    const download = await fetch(`${node.url}/v1/evidence/blobs/${hash}`);
    assert.equal(download.status, 404);
    assert.equal(((await download.json()) as { error: { code: string } }).error.code, "NOT_FOUND");
    assert.equal((await fetch(`${node.url}/v1/evidence/blobs/${hash}`, { method: "HEAD" })).status, 404);
  });

  test("error: uploads without a valid member's authorisation are refused", async () => {
    const { bytes, hash } = envelopeOf("sealed photo");
    const missing = await fetch(`${node.url}/v1/evidence/blobs/${hash}`, { method: "PUT", headers: { "content-type": "application/octet-stream" }, body: Buffer.from(bytes) });
    assert.equal(missing.status, 401);
    assert.match(((await missing.json()) as { error: { code: string; message: string } }).error.message, /x-kexin-authorisation is missing/);
    const cases: [string, Awaited<ReturnType<typeof upload>>, number, string][] = [
      ["a stranger", await upload(bytes, { signer: stranger }), 403, "EVIDENCE_BLOB_NOT_MEMBER"],
      ["another chain", await upload(bytes, { header: authorisation(member, hash, bytes.length, { chainId: "other-chain" }) }), 401, "EVIDENCE_BLOB_UNAUTHORISED"],
      ["another type", await upload(bytes, { header: authorisation(member, hash, bytes.length, { type: "anchor" }) }), 401, "EVIDENCE_BLOB_UNAUTHORISED"],
      ["another hash", await upload(bytes, { header: authorisation(member, toHex(suite.hash(utf8("other"))), bytes.length) }), 400, "EVIDENCE_BLOB_MISMATCH"],
      ["another size", await upload(bytes, { header: authorisation(member, hash, bytes.length + 1) }), 400, "EVIDENCE_BLOB_MISMATCH"],
      ["not hex", await upload(bytes, { header: "zz" }), 401, "EVIDENCE_BLOB_UNAUTHORISED"],
    ];
    for (const [what, answer, status, code] of cases) {
      assert.equal(answer.status, status, `${what}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.error?.code, code, `${what} is refused with ${code}`);
    }
    assert.equal((await fetch(`${node.url}/v1/evidence/blobs/${hash}`, { method: "HEAD" })).status, 404, "nothing was stored");
  });

  test("error: bytes that are not a sealed envelope of this chain's cipher are refused", async () => {
    const plain = utf8("%PDF-1.7 an unsealed file");
    const refused = await upload(plain);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error?.code, "EVIDENCE_BLOB_NOT_SEALED");
    assert.match(refused.body.error?.message ?? "", /not a kexin-sealed\/1 sealed envelope/);
    const gm = getSuite("gm");
    const foreign = sealContent(gm, utf8("sealed on another chain")).envelope;
    const wrongCipher = await upload(foreign);
    assert.equal(wrongCipher.body.error?.code, "EVIDENCE_BLOB_NOT_SEALED");
    assert.match(wrongCipher.body.error?.message ?? "", /sealed with sm4-gcm, but this chain's suite intl seals with aes-256-gcm/);
    assert.equal((await fetch(`${node.url}/v1/evidence/blobs/${toHex(suite.hash(plain))}`, { method: "HEAD" })).status, 404, "nothing was stored");
  });

  test("error: an envelope over the size cap is refused, declared or streamed", async () => {
    const { bytes, hash } = envelopeOf("x".repeat(blobBytesMax));
    assert.ok(bytes.length > blobBytesMax, "the test envelope is over the cap");
    const declared = await upload(bytes);
    assert.equal(declared.status, 413);
    assert.equal(declared.body.error?.code, "EVIDENCE_BLOB_TOO_LARGE");
    // Without a content-length the node counts the bytes as they arrive.
    const streamed = await fetch(`${node.url}/v1/evidence/blobs/${hash}`, {
      method: "PUT",
      headers: { "content-type": "application/octet-stream", "x-kexin-authorisation": authorisation(member, hash, 10) },
      body: Readable.toWeb(Readable.from([bytes])) as ReadableStream,
      duplex: "half",
    } as RequestInit);
    assert.equal(streamed.status, 413, "a streamed body over the cap");
    assert.equal(((await streamed.json()) as { error: { code: string } }).error.code, "EVIDENCE_BLOB_TOO_LARGE");
  });

  test("behavior: at most four uploads are received at once, and a dropped one frees its place", async () => {
    const { bytes, hash } = envelopeOf("slow upload");
    const url = new URL(`${node.url}/v1/evidence/blobs/${hash}`);
    // Four uploads, each on a connection of its own, that send their headers and part of their body, then stall.
    const answeredEarly: number[] = [];
    const stalled = Array.from({ length: 4 }, () => {
      const request = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: "PUT", agent: false, headers: { "content-type": "application/octet-stream", "content-length": bytes.length, "x-kexin-authorisation": authorisation(member, hash, bytes.length) } });
      request.on("error", () => undefined);
      request.on("response", (response) => {
        answeredEarly.push(response.statusCode ?? 0);
        response.resume();
      });
      return { request, flushed: new Promise((resolve) => request.write(bytes.subarray(0, 10), resolve)) };
    });
    await Promise.all(stalled.map((entry) => entry.flushed));
    const connections = () => new Promise<number>((resolve) => node.api.server.getConnections((_error, count) => resolve(count)));
    await waitForAnswer(connections, (count) => count >= 4);
    try {
      const busy = await waitForAnswer(() => upload(envelopeOf("fifth upload").bytes), (answer) => answer.status === 503);
      assert.deepEqual(answeredEarly, [], "the four stalled uploads are all being received");
      assert.equal(busy.body.error?.code, "EVIDENCE_BLOB_BUSY", "the fifth is told to come back");
    } finally {
      for (const { request } of stalled) request.destroy();
    }
    const after = await waitForAnswer(() => upload(envelopeOf("after the stalled ones").bytes), (answer) => answer.status !== 503);
    assert.equal(after.status, 201, "the dropped uploads gave their places back");
  });

  test("behavior: a full store refuses new envelopes, keeps serving the old ones and survives a restart", async () => {
    const stored: { bytes: Uint8Array; hash: string }[] = [];
    let full: Awaited<ReturnType<typeof upload>> | undefined;
    for (let index = 0; index < 10 && full === undefined; index++) {
      const envelope = envelopeOf(`${index} ${"y".repeat(50 * 1024)}`);
      const answer = await upload(envelope.bytes);
      if (answer.status === 201) stored.push(envelope);
      else full = answer;
    }
    assert.ok(full, "the store filled up within its 200 KiB");
    assert.equal(full.status, 507);
    assert.equal(full.body.error?.code, "EVIDENCE_BLOB_STORE_FULL");
    await node.close();
    node = await start();
    for (const { bytes, hash } of stored) {
      const download = await fetch(`${node.url}/v1/evidence/blobs/${hash}`);
      assert.deepEqual(new Uint8Array(await download.arrayBuffer()), bytes, `envelope ${hash} is served after the restart`);
    }
    const again = await upload(envelopeOf(`after restart ${"z".repeat(50 * 1024)}`).bytes);
    assert.equal(again.body.error?.code, "EVIDENCE_BLOB_STORE_FULL", "the usage was counted again from the files");
    assert.deepEqual(readdirSync(join(dataDir, "evidence-blobs", "tmp")), [], "no temporary file is left behind");
  });
});
