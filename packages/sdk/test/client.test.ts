import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { fromHex, toHex } from "@kexin/core";
import {
  ApiError,
  SdkError,
  createClient,
  createKexinClient,
  getAccount,
  getBlock,
  getBlocks,
  getStatus,
  getTransaction,
  query,
  sendTransaction,
  sendTransactions,
} from "../src/index.ts";
import * as services from "../src/services.ts";
import { type FakeNode, apiError, closedPortUrl, json, startFakeNode } from "./fakeNode.ts";

const address = "ab".repeat(20);
const hash = "cd".repeat(32);
const status = {
  chainId: "kexin-test",
  suite: "intl",
  genesisHash: "00".repeat(32),
  height: 12,
  lastBlockHash: "11".repeat(32),
  lastBlockTime: 1_700_000_000_000,
  validatorsHash: "22".repeat(32),
  validators: [{ publicKey: "33".repeat(32), address: "44".repeat(20), power: 1 }],
  mempool: { txs: 0, bytes: 0 },
  consensus: "solo",
};
const block = {
  height: 12,
  hash: "11".repeat(32),
  header: { chainId: "kexin-test", height: 12, time: 1, prevHash: "", txRoot: "", resultsRoot: "", appHash: "", validatorsHash: "", proposer: "" },
  txs: [],
  commit: { height: 12, round: 0, blockHash: "11".repeat(32), signatures: [] },
};

function isApiError(code: string, httpStatus: number) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof ApiError, `expected ApiError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.equal(error.status, httpStatus);
    return true;
  };
}

function isSdkError(code: string) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof SdkError, `expected SdkError, got ${String(error)}`);
    assert.equal(error.code, code);
    return true;
  };
}

describe("client actions against a fake node", () => {
  let node: FakeNode;
  before(async () => {
    node = await startFakeNode({
      routes: {
        "GET /v1/status": json(status),
        [`GET /v1/accounts/${address}`]: json({ address, nonce: 4, member: null }),
        [`GET /v1/txs/${hash}`]: apiError(404, "TX_NOT_FOUND", "no transaction with this hash", { hash }),
        "GET /v1/blocks/latest": json(block),
        "GET /v1/blocks/12": json(block),
        [`GET /v1/blocks/${"11".repeat(32)}`]: json(block),
        "GET /v1/blocks": json({ blocks: [] }),
        "GET /v1/query/points/balance": (request) => ({ status: 200, body: { search: request.search } }),
        "POST /v1/txs": (request) => {
          const tx = (request.body as { tx: string }).tx;
          return tx === "ff"
            ? { status: 400, body: { error: { code: "TX_BAD_SIGNATURE", message: "signature does not verify", details: { signer: "aa" } } } }
            : { status: 202, body: { hash, status: "pending" } };
        },
        "POST /v1/txs/batch": json({ accepted: 1, results: [{ hash, status: "pending" }, { error: { code: "TX_DUPLICATE", message: "already known" } }] }),
        "GET /v1/broken": () => ({ status: 500, body: "Internal Server Error" }),
        "GET /v1/not-json": () => ({ status: 200, body: "<html>" }),
      },
    });
  });
  after(() => node.close());

  const lastRequest = () => node.requests[node.requests.length - 1]!;

  test("default: getStatus", async () => {
    assert.deepEqual(await getStatus(createClient({ url: node.url })), status);
    assert.equal(lastRequest().method, "GET");
    assert.equal(lastRequest().path, "/v1/status");
  });

  test("behavior: a trailing slash in the URL is ignored", async () => {
    await getStatus(createClient({ url: `${node.url}/` }));
    assert.equal(lastRequest().path, "/v1/status");
  });

  test("default: getAccount lower-cases the address", async () => {
    const account = await getAccount(createClient({ url: node.url }), { address: address.toUpperCase() });
    assert.equal(account.nonce, 4);
    assert.equal(lastRequest().path, `/v1/accounts/${address}`);
  });

  test("error: getTransaction maps 404 TX_NOT_FOUND to ApiError with details", async () => {
    await assert.rejects(getTransaction(createClient({ url: node.url }), { hash }), (error: unknown) => {
      isApiError("TX_NOT_FOUND", 404)(error);
      assert.equal((error as ApiError).message, "no transaction with this hash");
      assert.deepEqual((error as ApiError).details, { hash });
      return true;
    });
  });

  test("error: getTransaction refuses a malformed hash without a request", async () => {
    const count = node.requests.length;
    assert.throws(() => getTransaction(createClient({ url: node.url }), { hash: "xyz" }), isSdkError("SDK_INVALID_PARAMETER"));
    assert.equal(node.requests.length, count);
  });

  test("default: getBlock by latest, height and hash", async () => {
    const client = createClient({ url: node.url });
    await getBlock(client);
    assert.equal(lastRequest().path, "/v1/blocks/latest");
    await getBlock(client, { height: 12 });
    assert.equal(lastRequest().path, "/v1/blocks/12");
    assert.equal((await getBlock(client, { hash: "11".repeat(32) })).height, 12);
    assert.throws(() => getBlock(client, { height: 1, hash: "11".repeat(32) }), isSdkError("SDK_INVALID_PARAMETER"));
    assert.throws(() => getBlock(client, { height: 0 }), isSdkError("SDK_INVALID_PARAMETER"));
  });

  test("default: getBlocks sends before and limit", async () => {
    await getBlocks(createClient({ url: node.url }), { before: 10, limit: 5 });
    assert.equal(lastRequest().search, "?before=10&limit=5");
    assert.throws(() => getBlocks(createClient({ url: node.url }), { limit: 101 }), isSdkError("SDK_INVALID_PARAMETER"));
  });

  test("default: query passes parameters in the query string", async () => {
    const answer = await query<{ search: string }>(createClient({ url: node.url }), { module: "points", query: "balance", parameters: { address, program: "merchant" } });
    assert.equal(answer.search, `?address=${address}&program=merchant`);
  });

  test("error: query of an unknown route is ApiError NOT_FOUND", async () => {
    await assert.rejects(query(createClient({ url: node.url }), { module: "points", query: "nothing" }), isApiError("NOT_FOUND", 404));
  });

  test("default: sendTransaction posts the hex as JSON", async () => {
    const sent = await sendTransaction(createClient({ url: node.url }), { tx: fromHex("a1b2") });
    assert.deepEqual(sent, { hash, status: "pending" });
    assert.equal(lastRequest().method, "POST");
    assert.equal(lastRequest().path, "/v1/txs");
    assert.deepEqual(lastRequest().body, { tx: "a1b2" });
    assert.equal(lastRequest().headers["content-type"], "application/json");
  });

  test("error: sendTransaction maps a 400 to ApiError with code, message and details", async () => {
    await assert.rejects(sendTransaction(createClient({ url: node.url }), { tx: "FF" }), (error: unknown) => {
      isApiError("TX_BAD_SIGNATURE", 400)(error);
      assert.deepEqual((error as ApiError).details, { signer: "aa" });
      return true;
    });
  });

  test("default: sendTransactions posts the batch and returns per-transaction results", async () => {
    const answer = await sendTransactions(createClient({ url: node.url }), { txs: ["a1", fromHex("b2")] });
    assert.deepEqual(lastRequest().body, { txs: ["a1", "b2"] });
    assert.equal(answer.accepted, 1);
    assert.equal(answer.results[1]?.error?.code, "TX_DUPLICATE");
  });

  test("error: sendTransactions refuses empty and oversized batches without a request", () => {
    const client = createClient({ url: node.url });
    assert.throws(() => sendTransactions(client, { txs: [] }), isSdkError("SDK_INVALID_PARAMETER"));
    assert.throws(() => sendTransactions(client, { txs: Array.from({ length: 2_001 }, () => "a1") }), /between 1 and 2000/);
  });

  test("error: an error status without a Kexin error body is SDK_BAD_RESPONSE", async () => {
    const client = createClient({ url: node.url });
    const { request } = await import("../src/transport/request.ts");
    await assert.rejects(request(client, { method: "GET", path: "/v1/broken" }), isSdkError("SDK_BAD_RESPONSE"));
    await assert.rejects(request(client, { method: "GET", path: "/v1/not-json" }), isSdkError("SDK_BAD_RESPONSE"));
  });

  test("default: createKexinClient binds every action", async () => {
    const client = createKexinClient({ url: node.url });
    assert.equal((await client.getStatus()).chainId, "kexin-test");
    assert.equal((await client.getAccount({ address })).nonce, 4);
    assert.equal((await client.getBlock({ height: 12 })).hash, "11".repeat(32));
    assert.equal(toHex(fromHex((await client.sendTransaction({ tx: "a1" })).hash)), hash);
  });

  test("behavior: createKexinClient binds each service of services.ts, every action of it to the client", async () => {
    const client = createKexinClient({ url: node.url });
    const listed = Object.entries(services).map(([name, service]) => [name, Object.keys(service.actions).sort()]);
    assert.deepEqual(listed.map(([name]) => name), ["contracts", "datashare", "evidence", "governance", "identity", "points", "trace", "workflows"]);
    for (const [name, actions] of listed) assert.deepEqual(Object.keys(client[name as keyof typeof services]).sort(), actions, `${String(name)} actions bound`);
    await assert.rejects(client.identity.getMember({ address }), isApiError("NOT_FOUND", 404), "a bound action calls the node with the client's URL");
  });
});

describe("client errors without a node", () => {
  test("error: nothing listening is SDK_NETWORK_ERROR naming the node", async () => {
    const url = await closedPortUrl();
    await assert.rejects(getStatus(createClient({ url })), (error: unknown) => {
      isSdkError("SDK_NETWORK_ERROR")(error);
      assert.match((error as SdkError).message, new RegExp(`cannot reach the node at ${url}: ECONNREFUSED`));
      return true;
    });
  });

  test("error: createClient refuses a URL that is not http(s)", () => {
    assert.throws(() => createClient({ url: "localhost:7420" }), isSdkError("SDK_INVALID_PARAMETER"));
    assert.throws(() => createClient({ url: "ftp://example.com" }), /must use http or https/);
  });
});
