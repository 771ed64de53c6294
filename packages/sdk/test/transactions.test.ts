import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { decodeSignedTx, fromHex, intlSuite, toHex, verifyTxSignature } from "@kexin/core";
import { SdkError, buildAndSend, createClient, createKexinClient, createWallet, points, waitForCommit } from "../src/index.ts";
import { type FakeNode, type Route, json, startFakeNode } from "./fakeNode.ts";

const wallet = createWallet("intl");
const status = { chainId: "kexin-test", suite: "intl", height: 40, mempool: { txs: 0, bytes: 0 } };
const committed = (hash: string) => ({
  hash,
  status: "committed",
  height: 41,
  index: 0,
  tx: {},
  result: { status: "ok", code: "", message: "", events: [], cost: 1 },
  receipt: { format: "kexin-receipt/1" },
});

/** Answers each GET of a hash from a script of answers, repeating the last one. */
function scripted(answers: readonly ((hash: string) => { status: number; body: unknown })[]): Route {
  let calls = 0;
  return (request) => {
    const hash = request.path.split("/").pop() ?? "";
    const next = answers[Math.min(calls, answers.length - 1)]!;
    calls += 1;
    return next(hash);
  };
}

const pending = (hash: string) => ({ status: 200, body: { hash, status: "pending" } });
const notFound = () => ({ status: 404, body: { error: { code: "TX_NOT_FOUND", message: "unknown" } } });
const done = (hash: string) => ({ status: 200, body: committed(hash) });

describe("buildAndSend and waitForCommit", () => {
  let node: FakeNode;
  const hashA = "aa".repeat(32);
  const hashB = "bb".repeat(32);
  const hashC = "cc".repeat(32);
  before(async () => {
    node = await startFakeNode({
      routes: {
        "GET /v1/status": json(status),
        [`GET /v1/accounts/${wallet.address}`]: json({ address: wallet.address, nonce: 7, member: { org: "merchant", roles: ["merchant"], kind: "member", name: "alice" } }),
        "POST /v1/txs": (request) => ({ status: 202, body: { hash: toHex(intlSuite.hash(fromHex((request.body as { tx: string }).tx))), status: "pending" } }),
        [`GET /v1/txs/${hashA}`]: scripted([pending, pending, done]),
        [`GET /v1/txs/${hashB}`]: scripted([notFound, done]),
        [`GET /v1/txs/${hashC}`]: scripted([pending]),
      },
    });
  });
  after(() => node.close());

  test("default: buildAndSend signs with the account's nonce, the chain id and an expiry above the height", async () => {
    const call = points.transfer({ to: "ab".repeat(20), program: "merchant", amount: 5 });
    const sent = await buildAndSend(createClient({ url: node.url }), wallet, call, { expiryBlocks: 10 });
    const posted = node.requests.find((request) => request.method === "POST")!;
    const tx = decodeSignedTx(fromHex((posted.body as { tx: string }).tx));
    assert.equal(tx.chainId, "kexin-test");
    assert.equal(tx.nonce, 7);
    assert.equal(tx.expiry, 50);
    assert.equal(tx.module, "points");
    assert.equal(tx.type, "transfer");
    assert.deepEqual(tx.payload, call.payload);
    assert.ok(verifyTxSignature(intlSuite, tx));
    assert.deepEqual(sent, { hash: toHex(intlSuite.hash(fromHex((posted.body as { tx: string }).tx))), status: "pending", chainId: "kexin-test", nonce: 7, expiry: 50 });
  });

  test("error: buildAndSend refuses a wallet of another suite", async () => {
    await assert.rejects(
      buildAndSend(createClient({ url: node.url }), createWallet("gm"), points.issue({ to: "ab".repeat(20), amount: 1 })),
      (error: unknown) => error instanceof SdkError && error.code === "SDK_INVALID_PARAMETER" && /uses the gm suite but chain kexin-test uses intl/.test(error.message),
    );
  });

  test("default: waitForCommit polls until the transaction is committed", async () => {
    const view = await waitForCommit(createClient({ url: node.url }), { hash: hashA, timeoutMs: 5_000 });
    assert.equal(view.status, "committed");
    assert.equal(view.height, 41);
    assert.equal(view.receipt.format, "kexin-receipt/1");
    assert.equal(node.requests.filter((request) => request.path === `/v1/txs/${hashA}`).length, 3);
  });

  test("behavior: waitForCommit keeps waiting through TX_NOT_FOUND", async () => {
    const view = await createKexinClient({ url: node.url }).waitForCommit({ hash: hashB, timeoutMs: 5_000 });
    assert.equal(view.status, "committed");
  });

  test("error: waitForCommit gives up at its timeout with SDK_WAIT_TIMEOUT", async () => {
    const started = performance.now();
    await assert.rejects(waitForCommit(createClient({ url: node.url }), { hash: hashC, timeoutMs: 300 }), (error: unknown) => {
      assert.ok(error instanceof SdkError);
      assert.equal(error.code, "SDK_WAIT_TIMEOUT");
      assert.match(error.message, new RegExp(`transaction ${hashC} was not committed within 300 ms \\(last seen: pending\\)`));
      return true;
    });
    const elapsedMs = performance.now() - started;
    assert.ok(elapsedMs >= 290 && elapsedMs < 2_000, `took ${elapsedMs} ms`);
  });

  test("error: waitForCommit rethrows errors that will not go away", async () => {
    await assert.rejects(waitForCommit(createClient({ url: node.url }), { hash: "dd".repeat(32), timeoutMs: 5_000 }), { code: "NOT_FOUND" });
  });

  test("behavior: an aborted signal stops waitForCommit with the signal's reason", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("stopped by caller")), 100);
    await assert.rejects(waitForCommit(createClient({ url: node.url }), { hash: hashC, timeoutMs: 5_000, signal: controller.signal }), /stopped by caller/);
  });
});
