import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { encodeCanonical, encodeSignedTx, fromHex, signTx, toHex, verifyReceipt } from "@kexin/core";
import WebSocket from "ws";
import { type TestChain, startTestChain, waitForCommitted } from "./support.ts";

let chain: TestChain;
before(async () => {
  chain = await startTestChain();
});
after(async () => {
  await chain.close();
});

const issueToAlice = { module: "points", type: "issue", payload: { to: "00".repeat(20), amount: 5 } };

async function expectRefused(hex: string, status: number, code: string, checkUnchanged = true): Promise<{ code: string; message: string; details?: unknown }> {
  const before = { height: chain.node.store.head()?.height, mempool: chain.node.mempool.size };
  const answer = await chain.post("/v1/txs", { tx: hex });
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  const error = answer.body.error as { code: string; message: string; details?: unknown };
  assert.equal(error.code, code);
  assert.ok(error.message.length > 10, "the message says what is wrong");
  if (checkUnchanged) assert.deepEqual({ height: chain.node.store.head()?.height, mempool: chain.node.mempool.size }, before, "a refused transaction changes nothing");
  return error;
}

describe("submit and read", () => {
  test("default: a transaction commits and its receipt verifies offline", async () => {
    const signed = await chain.sign(chain.accounts.alice, issueToAlice);
    const submitted = await chain.post("/v1/txs", { tx: signed.hex });
    assert.equal(submitted.status, 202);
    assert.deepEqual(submitted.body, { hash: signed.hash, status: "pending" });
    const committed = await waitForCommitted(chain, signed.hash);
    assert.equal((committed.result as { status: string }).status, "ok");
    const verification = verifyReceipt(committed.receipt);
    assert.ok(verification.ok, verification.error);
    const status = await chain.get("/v1/status");
    assert.equal(verifyReceipt(committed.receipt, { chainId: "kexin-test", validatorsHash: status.body.validatorsHash as string }).ok, true);
    const balance = await chain.get(`/v1/query/points/balance?address=${"00".repeat(20)}&program=merchant`);
    assert.equal(balance.body.amount, 5);
  });

  test("behavior: a batch admits each transaction on its own, in order", async () => {
    const { alice } = chain.accounts;
    const first = await chain.sign(alice, issueToAlice);
    const nonce = (await chain.get(`/v1/accounts/${alice.address}`)).body.nonce as number;
    const second = await chain.sign(alice, issueToAlice, { nonce: nonce + 1 });
    const gapped = await chain.sign(alice, issueToAlice, { nonce: nonce + 5 });
    const answer = await chain.post("/v1/txs/batch", { txs: [first.hex, second.hex, gapped.hex, "zz"] });
    assert.equal(answer.status, 400, "a non-hex entry fails the whole request's schema");
    const batch = await chain.post("/v1/txs/batch", { txs: [first.hex, second.hex, gapped.hex] });
    assert.equal(batch.status, 200);
    assert.equal(batch.body.accepted, 2);
    const results = batch.body.results as { hash?: string; error?: { code: string } }[];
    assert.equal(results[0]?.hash, first.hash);
    assert.equal(results[1]?.hash, second.hash);
    assert.equal(results[2]?.error?.code, "TX_NONCE_GAP");
    await waitForCommitted(chain, second.hash);
  });

  test("behavior: a failed execution is committed with its code and only the nonce changes", async () => {
    const { alice } = chain.accounts;
    const signed = await chain.sign(alice, { module: "points", type: "transfer", payload: { to: "11".repeat(20), program: "merchant", amount: 10 ** 12 } });
    const nonceBefore = (await chain.get(`/v1/accounts/${alice.address}`)).body.nonce as number;
    assert.equal((await chain.post("/v1/txs", { tx: signed.hex })).status, 202);
    const committed = await waitForCommitted(chain, signed.hash);
    assert.deepEqual((committed.result as { status: string; code: string }).status, "failed");
    assert.equal((committed.result as { code: string }).code, "POINTS_INSUFFICIENT_BALANCE");
    assert.equal((await chain.get(`/v1/accounts/${alice.address}`)).body.nonce, nonceBefore + 1);
    const balance = await chain.get(`/v1/query/points/balance?address=${"11".repeat(20)}&program=merchant`);
    assert.equal(balance.body.amount, 0);
  });

  test("default: blocks by height, hash and latest; unknown ones are 404", async () => {
    const latest = await chain.get("/v1/blocks/latest");
    assert.equal(latest.status, 200);
    const byHeight = await chain.get(`/v1/blocks/${latest.body.height as number}`);
    const byHash = await chain.get(`/v1/blocks/${latest.body.hash as string}`);
    assert.deepEqual(byHeight.body, latest.body);
    assert.deepEqual(byHash.body, latest.body);
    assert.equal((await chain.get("/v1/blocks/999999")).body.error && (await chain.get("/v1/blocks/999999")).status, 404);
    assert.equal((await chain.get(`/v1/blocks/${"ab".repeat(32)}`)).status, 404);
    const list = await chain.get("/v1/blocks?limit=2");
    assert.equal((list.body.blocks as unknown[]).length, Math.min(2, latest.body.height as number));
    const missing = await chain.get(`/v1/txs/${"cd".repeat(32)}`);
    assert.equal(missing.status, 404);
    assert.equal((missing.body.error as { code: string }).code, "TX_NOT_FOUND");
  });

  test("default: health, metrics, OpenAPI and unknown routes", async () => {
    assert.equal((await chain.get("/healthz")).body.status, "ok");
    const metrics = await (await fetch(`${chain.url}/metrics`)).text();
    assert.match(metrics, /kexin_block_height \d+/);
    assert.match(metrics, /kexin_txs_committed_total \d+/);
    const openapi = await chain.get("/docs/json");
    assert.ok((openapi.body.paths as Record<string, unknown>)["/v1/txs/batch"], "the batch route is documented");
    const unknown = await chain.get("/v1/nothing");
    assert.equal(unknown.status, 404);
    assert.equal((unknown.body.error as { code: string }).code, "NOT_FOUND");
  });

  test("behavior: WebSocket subscribers receive new blocks and matching events", async () => {
    const socket = new WebSocket(`${chain.url.replace("http", "ws")}/v1/ws`);
    const messages: Record<string, unknown>[] = [];
    socket.on("message", (data) => messages.push(JSON.parse(String(data)) as Record<string, unknown>));
    await new Promise((resolve, reject) => {
      socket.once("open", resolve);
      socket.once("error", reject);
    });
    socket.send(JSON.stringify({ subscribe: "blocks" }));
    socket.send(JSON.stringify({ subscribe: "events", module: "points", type: "issued" }));
    socket.send("not json");
    const deadline = Date.now() + 5_000;
    while (messages.filter((message) => message.type === "subscribed").length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    const signed = await chain.sign(chain.accounts.alice, issueToAlice);
    await chain.post("/v1/txs", { tx: signed.hex });
    while (!messages.some((message) => message.type === "event") && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    socket.close();
    const block = messages.find((message) => message.type === "block") as { block: { txs: string[] } } | undefined;
    assert.ok(block?.block.txs.includes(signed.hash), `a block message lists the transaction: ${JSON.stringify(messages)}`);
    const event = messages.find((message) => message.type === "event") as { txHash: string; event: { type: string; attributes: { amount: number } } } | undefined;
    assert.equal(event?.txHash, signed.hash);
    assert.equal(event?.event.type, "issued");
    assert.ok(messages.some((message) => message.type === "error"), "a bad message gets an error, not a dropped connection");
  });
});

describe("bad input is refused with a specific code and changes nothing", () => {
  test("error: malformed CBOR", async () => {
    await expectRefused("a2616101", 400, "CODEC_MALFORMED");
  });

  test("error: non-canonical CBOR", async () => {
    await expectRefused("a2616201616102", 400, "CODEC_NOT_CANONICAL"); // map keys out of order
  });

  test("error: a transaction missing a field", async () => {
    await expectRefused(toHex(encodeCanonical({ chainId: "kexin-test", nonce: 0 })), 400, "STRUCTURE_INVALID");
  });

  test("error: bad signature", async () => {
    const signed = await chain.sign(chain.accounts.alice, issueToAlice);
    const bytes = fromHex(signed.hex);
    bytes[bytes.length - 1]! ^= 1;
    await expectRefused(toHex(bytes), 400, "TX_BAD_SIGNATURE");
  });

  test("error: wrong chainId", async () => {
    const signed = await chain.sign(chain.accounts.alice, issueToAlice, { chainId: "other-chain" });
    await expectRefused(signed.hex, 400, "TX_WRONG_CHAIN");
  });

  test("error: resubmitted transaction is rejected as duplicate, and a replayed nonce as used", async () => {
    const signed = await chain.sign(chain.accounts.alice, issueToAlice);
    assert.equal((await chain.post("/v1/txs", { tx: signed.hex })).status, 202);
    // The original may be cut into a block meanwhile, so only the refusal is checked here.
    await expectRefused(signed.hex, 409, "TX_DUPLICATE", false);
    await waitForCommitted(chain, signed.hash);
    await expectRefused(signed.hex, 409, "TX_DUPLICATE");
    const nonce = (await chain.get(`/v1/accounts/${chain.accounts.alice.address}`)).body.nonce as number;
    const replay = await chain.sign(chain.accounts.alice, { ...issueToAlice, payload: { to: "22".repeat(20), amount: 1 } }, { nonce: nonce - 1 });
    const error = await expectRefused(replay.hex, 409, "TX_NONCE_USED");
    assert.deepEqual(error.details, { expected: nonce, got: nonce - 1 });
  });

  test("error: gapped nonce", async () => {
    const nonce = (await chain.get(`/v1/accounts/${chain.accounts.alice.address}`)).body.nonce as number;
    const signed = await chain.sign(chain.accounts.alice, issueToAlice, { nonce: nonce + 1 });
    await expectRefused(signed.hex, 409, "TX_NONCE_GAP");
  });

  test("error: oversized transaction", async () => {
    const signed = await chain.sign(chain.accounts.alice, { module: "points", type: "issue", payload: { to: "00".repeat(20), amount: 1, padding: "x".repeat(70_000) } });
    await expectRefused(signed.hex, 413, "TX_TOO_LARGE");
  });

  test("error: expired transaction", async () => {
    const signed = await chain.sign(chain.accounts.alice, issueToAlice, { expiry: chain.node.store.head()?.height ?? 0 });
    await expectRefused(signed.hex, 400, "TX_EXPIRED");
  });

  test("error: unknown module and unknown type", async () => {
    await expectRefused((await chain.sign(chain.accounts.alice, { module: "casino", type: "bet", payload: {} })).hex, 400, "TX_UNKNOWN_MODULE");
    await expectRefused((await chain.sign(chain.accounts.alice, { module: "points", type: "mint", payload: {} })).hex, 400, "TX_UNKNOWN_TYPE");
  });

  test("error: payload that does not match the type's schema", async () => {
    const error = await expectRefused((await chain.sign(chain.accounts.alice, { module: "points", type: "issue", payload: { to: "00".repeat(20), amount: -3 } })).hex, 400, "TX_PAYLOAD_INVALID");
    assert.match(error.message, /amount/);
    await expectRefused((await chain.sign(chain.accounts.alice, { module: "points", type: "issue", payload: { to: "xyz", amount: 3 } })).hex, 400, "TX_PAYLOAD_INVALID");
  });

  test("error: unregistered signer and unauthorised caller", async () => {
    await expectRefused((await chain.sign(chain.accounts.stranger, issueToAlice)).hex, 403, "TX_SIGNER_NOT_REGISTERED");
    const register = { module: "identity", type: "register_member", payload: { org: "merchant", address: chain.accounts.stranger.address, name: "s", roles: [] } };
    const error = await expectRefused((await chain.sign(chain.accounts.alice, register)).hex, 403, "TX_NOT_AUTHORISED");
    assert.match(error.message, /not an admin of organisation "merchant"/);
    const otherOrg = { ...register, payload: { ...register.payload, org: "hospital" } };
    await expectRefused((await chain.sign(chain.accounts.merchantAdmin, otherOrg)).hex, 403, "TX_NOT_AUTHORISED");
  });

  test("error: request bodies that are not transactions", async () => {
    for (const body of [{}, { tx: "xyz" }, { tx: 5 }, { txs: [] }]) {
      const answer = await chain.post("/v1/txs", body);
      assert.equal(answer.status, 400);
      assert.equal((answer.body.error as { code: string }).code, "API_BAD_REQUEST");
    }
    const response = await fetch(`${chain.url}/v1/txs`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    assert.equal(response.status, 400);
  });

  test("error: batch larger than the limit", async () => {
    const signed = await chain.sign(chain.accounts.alice, issueToAlice);
    const answer = await chain.post("/v1/txs/batch", { txs: Array.from({ length: 2_001 }, () => signed.hex) });
    assert.equal(answer.status, 413);
    assert.equal((answer.body.error as { code: string }).code, "API_BATCH_TOO_LARGE");
  });

  test("error: a transaction signed with the right key but altered after signing", async () => {
    const { alice } = chain.accounts;
    const nonce = (await chain.get(`/v1/accounts/${alice.address}`)).body.nonce as number;
    const signed = signTx(chain.suite, alice.privateKey, { chainId: "kexin-test", nonce, module: "points", type: "issue", payload: { to: "00".repeat(20), amount: 5 }, expiry: 10_000 });
    const altered = encodeSignedTx({ ...signed.tx, payload: { to: "00".repeat(20), amount: 500 } });
    await expectRefused(toHex(altered), 400, "TX_BAD_SIGNATURE");
  });
});
