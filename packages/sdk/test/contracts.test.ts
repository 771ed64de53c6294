import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { type SignedTx, decodeCanonical, decodeSignedTx, encodeCanonical, fromHex, getSuite, intlSuite, toHex, utf8, verifyTxSignature } from "@kexin/core";
import { ApiError, type EventView, SdkError, contracts, createKexinClient, createWallet } from "../src/index.ts";
import { type FakeNode, type RecordedRequest, json, startFakeNode } from "./fakeNode.ts";

const code = 'var methods = { transfer: { args: { type: "object" } } };\nexport { methods };\n';
const policy = { transfer: [], mint: ["treasurer"] };

function assertInvalid(build: () => unknown, parameter: string, pattern: RegExp): void {
  assert.throws(build, (error: unknown) => {
    assert.ok(error instanceof SdkError, `expected SdkError, got ${String(error)}`);
    assert.equal(error.code, "SDK_INVALID_PARAMETER");
    assert.equal((error.type as { parameter: string }).parameter, parameter);
    assert.match(error.message, pattern);
    return true;
  });
}

/** The payload as the chain receives it: signed, encoded, decoded again. */
function signedPayload(call: contracts.ProposeCall | contracts.ApproveProposalCall | contracts.ContractCallCall, suite: "intl" | "gm" = "intl"): { tx: SignedTx; payload: unknown } {
  const wallet = createWallet(suite);
  const signed = wallet.signTx({ chainId: "kexin-test", nonce: 3, expiry: 100, module: call.module, type: call.type, payload: call.payload });
  const tx = decodeSignedTx(signed.bytes);
  assert.ok(verifyTxSignature(getSuite(suite), tx));
  return { tx, payload: tx.payload };
}

describe("contracts builders", () => {
  test("default: a deploy proposal carries the code's UTF-8 bytes, its SHA-256 on intl, the policy and init", () => {
    const call = contracts.proposeDeploy({ id: "token-v1", name: "token", suite: "intl", code, policy, init: { supply: 1_000 } });
    const { tx, payload } = signedPayload(call);
    assert.equal(tx.module, "contracts");
    assert.equal(tx.type, "propose");
    const sha256 = new Uint8Array(createHash("sha256").update(code).digest());
    assert.deepEqual(payload, { id: "token-v1", action: { kind: "deploy", name: "token", code: utf8(code), codeHash: sha256, policy, init: { supply: 1_000 } } });
    assert.equal(contracts.contractCodeHashHex("intl", code), toHex(sha256));
  });

  test("behavior: on gm the code hash is SM3, and a deploy without init has no init key", () => {
    const call = contracts.proposeDeploy({ id: "token-v1", name: "token", suite: getSuite("gm"), code: utf8(code), policy: {} });
    const { payload } = signedPayload(call, "gm");
    const sm3 = new Uint8Array(createHash("sm3").update(code).digest());
    assert.deepEqual(payload, { id: "token-v1", action: { kind: "deploy", name: "token", code: utf8(code), codeHash: sm3, policy: {} } });
    assert.equal(call.payload.action.codeHash.length, 32);
  });

  test("default: upgrade with migrate, freeze, unfreeze and approve", () => {
    const upgrade = contracts.proposeUpgrade({ id: "token-v2", name: "token", suite: "intl", code, policy, migrate: { note: "v2", scale: 100 } });
    assert.deepEqual(signedPayload(upgrade).payload, {
      id: "token-v2",
      action: { kind: "upgrade", name: "token", code: utf8(code), codeHash: intlSuite.hash(utf8(code)), policy, migrate: { note: "v2", scale: 100 } },
    });
    assert.deepEqual(signedPayload(contracts.proposeFreeze({ id: "freeze-1", name: "token" })).payload, { id: "freeze-1", action: { kind: "freeze", name: "token" } });
    assert.deepEqual(signedPayload(contracts.proposeUnfreeze({ id: "unfreeze-1", name: "token" })).payload, { id: "unfreeze-1", action: { kind: "unfreeze", name: "token" } });
    const approve = contracts.approveProposal({ id: "token-v1" });
    assert.deepEqual({ type: approve.type, payload: signedPayload(approve).payload }, { type: "approve", payload: { id: "token-v1" } });
  });

  test("default: a call carries contract, method, args and gasLimit; args default to {}", () => {
    const call = contracts.contractCall({ contract: "token", method: "transfer", args: { to: "ab".repeat(20), amount: 5, memo: new Uint8Array([1, 2]) }, gasLimit: 50_000 });
    assert.deepEqual(signedPayload(call).payload, { contract: "token", method: "transfer", args: { to: "ab".repeat(20), amount: 5, memo: new Uint8Array([1, 2]) }, gasLimit: 50_000 });
    assert.deepEqual(contracts.contractCall({ contract: "token", method: "totalSupply", gasLimit: 1 }).payload.args, {});
  });

  test("error: names and ids outside their patterns", () => {
    assertInvalid(() => contracts.proposeFreeze({ id: "f1", name: "ab" }), "name", /contract name/);
    assertInvalid(() => contracts.proposeFreeze({ id: "f1", name: "Token" }), "name", /contract name/);
    assertInvalid(() => contracts.proposeFreeze({ id: "-f1", name: "token" }), "id", /proposal id/);
    assertInvalid(() => contracts.approveProposal({ id: "x".repeat(65) }), "id", /proposal id/);
    assertInvalid(() => contracts.contractCall({ contract: "9token", method: "transfer", gasLimit: 1 }), "contract", /contract name/);
    assertInvalid(() => contracts.contractCall({ contract: "token", method: "balance-of", gasLimit: 1 }), "method", /JavaScript identifier/);
    assertInvalid(() => contracts.proposeDeploy({ id: "t", name: "token", suite: "intl", code, policy: { "not a method": [] } }), "policy", /JavaScript identifier/);
  });

  test("error: floats anywhere in args, init or migrate are refused before signing", () => {
    assertInvalid(() => contracts.contractCall({ contract: "token", method: "transfer", args: { amount: 1.5 }, gasLimit: 1 }), "args", /\/amount: 1\.5 is not a safe integer/);
    assertInvalid(() => contracts.contractCall({ contract: "token", method: "transfer", args: { list: [1, Number.NaN] }, gasLimit: 1 }), "args", /\/list\/1: NaN/);
    assertInvalid(() => contracts.contractCall({ contract: "token", method: "transfer", args: { zero: -0 }, gasLimit: 1 }), "args", /\/zero: -0 is not a safe integer/);
    assertInvalid(() => contracts.proposeDeploy({ id: "t", name: "token", suite: "intl", code, policy, init: { rate: 0.1 } }), "init", /\/rate/);
    assertInvalid(() => contracts.proposeUpgrade({ id: "t", name: "token", suite: "intl", code, policy, migrate: { when: new Date(0) } }), "migrate", /object cannot enter a contract/);
  });

  test("error: a gas limit below 1 and a policy that is not method → roles", () => {
    assertInvalid(() => contracts.contractCall({ contract: "token", method: "transfer", gasLimit: 0 }), "gasLimit", /at least 1/);
    assertInvalid(() => contracts.contractCall({ contract: "token", method: "transfer", gasLimit: 2.5 }), "gasLimit", /whole number/);
    assertInvalid(() => contracts.proposeDeploy({ id: "t", name: "token", suite: "intl", code, policy: ["transfer"] as unknown as contracts.ContractPolicy }), "policy", /method name → roles/);
    assertInvalid(() => contracts.proposeDeploy({ id: "t", name: "token", suite: "intl", code, policy: { transfer: "any" } as unknown as contracts.ContractPolicy }), "policy.transfer", /array of role names/);
  });

  test("default: contractEvents keeps the contract events of one contract, in order", () => {
    const events: EventView[] = [
      { module: "contracts", type: "contract", attributes: { contract: "token", type: "transfer", data: { amount: 1 } } },
      { module: "points", type: "transferred", attributes: {} },
      { module: "contracts", type: "contract", attributes: { contract: "other", type: "x", data: null } },
      { module: "contracts", type: "result", attributes: { contract: "token", method: "transfer", value: 4 } },
      { module: "contracts", type: "contract", attributes: { contract: "token", type: "burn", data: 2 } },
    ];
    assert.deepEqual(contracts.contractEvents(events, "token"), [
      { contract: "token", type: "transfer", data: { amount: 1 } },
      { contract: "token", type: "burn", data: 2 },
    ]);
    assert.equal(contracts.contractEvents({ status: "ok", code: "", message: "", events, cost: 1 }).length, 3);
  });
});

describe("contracts actions against a node", () => {
  let node: FakeNode;
  const wallet = createWallet("intl");
  const status = { chainId: "kexin-test", suite: "intl", height: 40, mempool: { txs: 0, bytes: 0 } };
  const posted = new Map<string, SignedTx>();
  const contract = { name: "token", status: "active", codeHash: "ab".repeat(32), version: 1, policy: { transfer: [] }, activatedAt: 12 };

  /** A committed view of a posted call: ok with a value and an event, or failed with the code the method name asks for. */
  function committedView(request: RecordedRequest) {
    const hash = request.path.split("/").pop() ?? "";
    const tx = posted.get(hash);
    if (tx === undefined) return { status: 404, body: { error: { code: "TX_NOT_FOUND", message: "unknown" } } };
    const payload = tx.payload as { contract: string; method: string };
    const failing = { outOfGas: "CONTRACT_OUT_OF_GAS", unregistered: "TX_SIGNER_NOT_REGISTERED" }[payload.method];
    const result =
      failing === undefined
        ? {
            status: "ok",
            code: "",
            message: "",
            events: [
              { module: "contracts", type: "contract", attributes: { contract: payload.contract, type: "transfer", data: { amount: 5 } } },
              { module: "contracts", type: "result", attributes: { contract: payload.contract, method: payload.method, value: { balance: 95 } } },
            ],
            cost: 120,
          }
        : { status: "failed", code: failing, message: `${failing} happened`, events: [], cost: 1 };
    return { status: 200, body: { hash, status: "committed", height: 41, index: 0, tx: {}, result, receipt: { format: "kexin-receipt/1" } } };
  }

  before(async () => {
    node = await startFakeNode({
      routes: {
        "GET /v1/status": json(status),
        [`GET /v1/accounts/${wallet.address}`]: json({ address: wallet.address, nonce: 2, member: null }),
        "POST /v1/txs": (request) => {
          const bytes = fromHex((request.body as { tx: string }).tx);
          const hash = toHex(intlSuite.hash(bytes));
          posted.set(hash, decodeSignedTx(bytes));
          return { status: 202, body: { hash, status: "pending" } };
        },
        "GET /v1/txs/*": committedView,
        "GET /v1/query/contracts/list": json([contract]),
        "GET /v1/query/contracts/get": json({ ...contract, methods: { transfer: { args: { type: "object" }, readOnly: false } } }),
        "GET /v1/query/contracts/code": json({ hash: "ab".repeat(32), code }),
        "GET /v1/query/contracts/calls": json({
          total: 7,
          calls: [
            { txHash: "cd".repeat(32), height: 12, method: "transfer", caller: "ef".repeat(20), version: 1, codeHash: "ab".repeat(32), gasUsed: 1_100, status: "failed", code: "CONTRACT_THREW" },
            { txHash: "ce".repeat(32), height: 11, method: "transfer", caller: "ef".repeat(20), version: 1, codeHash: "ab".repeat(32), gasUsed: 1_000, status: "ok", code: "" },
          ],
        }),
        // Five events at heights 10 to 14, two an answer, from `start`: as the node pages its index.
        "GET /v1/query/contracts/events": (request) => {
          const parameters = new URLSearchParams(request.search);
          const start = Number(parameters.get("start") ?? 0);
          const limit = Math.min(2, Number(parameters.get("limit") ?? 100));
          const all = [10, 11, 12, 13, 14].map((height, position) => ({ position, height, txHash: String(position).repeat(64), type: "transfer", data: { amount: height, memo: "0a0b" } }));
          const events = all.slice(start, start + limit);
          const next = start + limit < all.length ? start + limit : undefined;
          return { status: 200, body: next === undefined ? { total: all.length, events } : { total: all.length, events, next } };
        },
        "GET /v1/query/contracts/proposals": json([{ id: "token-v1", proposer: "bank", action: { kind: "deploy", name: "token", codeHash: "ab".repeat(32), policy: {} }, approvals: ["bank"], needed: 3, status: "open", createdAt: 10 }]),
        "GET /v1/query/contracts/query": (request) => {
          const args = decodeCanonical(fromHex(new URLSearchParams(request.search).get("args") ?? "")) as { owner?: string };
          return args.owner === "broken" ? { status: 200, body: { answer: 1 } } : { status: 200, body: { value: 95, gasUsed: 40 } };
        },
      },
    });
  });
  after(() => node.close());

  test("default: callContract signs the call, waits for its commit and answers the value and the contract's events", async () => {
    const client = createKexinClient({ url: node.url });
    const result = await client.contracts.callContract(wallet, { contract: "token", method: "transfer", args: { to: "cd".repeat(20), amount: 5 }, gasLimit: 10_000, timeoutMs: 5_000 });
    assert.deepEqual(result.value, { balance: 95 });
    assert.deepEqual(result.events, [{ contract: "token", type: "transfer", data: { amount: 5 } }]);
    assert.equal(result.height, 41);
    const tx = posted.get(result.hash);
    assert.equal(tx?.nonce, 2);
    assert.deepEqual(tx?.payload, { contract: "token", method: "transfer", args: { to: "cd".repeat(20), amount: 5 }, gasLimit: 10_000 });
  });

  test("error: a call that fails on chain throws an SdkError with its CONTRACT_ code", async () => {
    const client = createKexinClient({ url: node.url });
    await assert.rejects(client.contracts.callContract(wallet, { contract: "token", method: "outOfGas", gasLimit: 10, timeoutMs: 5_000 }), (error: unknown) => {
      assert.ok(error instanceof SdkError);
      assert.equal(error.code, "CONTRACT_OUT_OF_GAS");
      assert.deepEqual({ ...(error.type as object), hash: "" }, { code: "CONTRACT_OUT_OF_GAS", contract: "token", method: "outOfGas", hash: "", height: 41 });
      assert.match(error.message, /token\.outOfGas failed: CONTRACT_OUT_OF_GAS happened/);
      return true;
    });
    await assert.rejects(
      client.contracts.callContract(wallet, { contract: "token", method: "unregistered", gasLimit: 10, timeoutMs: 5_000 }),
      (error: unknown) => error instanceof SdkError && error.code === "SDK_TRANSACTION_FAILED" && (error.type as { resultCode: string }).resultCode === "TX_SIGNER_NOT_REGISTERED",
    );
  });

  test("default: queryContract sends the args as hex of canonical CBOR and answers the value", async () => {
    const client = createKexinClient({ url: node.url });
    const answer = await client.contracts.queryContract({ contract: "token", method: "balanceOf", args: { owner: "cd".repeat(20) } });
    assert.deepEqual(answer, { value: 95, gasUsed: 40 });
    const request = node.requests.findLast((recorded) => recorded.path === "/v1/query/contracts/query");
    const parameters = new URLSearchParams(request?.search);
    assert.equal(parameters.get("contract"), "token");
    assert.equal(parameters.get("method"), "balanceOf");
    assert.equal(parameters.get("args"), toHex(encodeCanonical({ owner: "cd".repeat(20) })));
  });

  test("error: an answer of another shape is SDK_BAD_RESPONSE, naming the field", async () => {
    const client = createKexinClient({ url: node.url });
    await assert.rejects(client.contracts.queryContract({ contract: "token", method: "balanceOf", args: { owner: "broken" } }), (error: unknown) => error instanceof SdkError && error.code === "SDK_BAD_RESPONSE" && /value/.test(error.message));
  });

  test("default: list, get, code and proposals are checked against the core schemas", async () => {
    const client = createKexinClient({ url: node.url });
    assert.deepEqual(await client.contracts.listContracts(), [contract]);
    assert.equal((await client.contracts.getContract({ name: "token" })).methods.transfer?.readOnly, false);
    assert.equal((await client.contracts.getCode({ hash: "AB".repeat(32) })).code, code);
    assert.equal((await client.contracts.getProposals({ status: "open" }))[0]?.approvals[0], "bank");
    assert.equal(new URLSearchParams(node.requests.findLast((recorded) => recorded.path.endsWith("/proposals"))?.search).get("status"), "open");
    await assert.rejects(client.contracts.getProposal({ id: "token-v1" }), (error: unknown) => error instanceof ApiError && error.status === 404);
  });

  test("default: getCalls sends the contract and limit and answers the calls, checked against the core schema", async () => {
    const client = createKexinClient({ url: node.url });
    const answer = await client.contracts.getCalls({ contract: "token", limit: 5 });
    assert.equal(answer.total, 7);
    assert.equal(answer.calls[0]?.txHash, "cd".repeat(32));
    assert.deepEqual(answer.calls.map((call) => [call.status, call.code]), [["failed", "CONTRACT_THREW"], ["ok", ""]], "a failed call with its code");
    const parameters = new URLSearchParams(node.requests.findLast((recorded) => recorded.path === "/v1/query/contracts/calls")?.search);
    assert.equal(parameters.get("contract"), "token");
    assert.equal(parameters.get("limit"), "5");
  });

  test("default: getEvents sends the contract, type, heights, start and limit, and answers the page with its next", async () => {
    const client = createKexinClient({ url: node.url });
    const page = await client.contracts.getEvents({ contract: "token", type: "transfer", fromHeight: 3, toHeight: 90, start: 2, limit: 500 });
    assert.deepEqual(page.events.map((event) => event.position), [2, 3]);
    assert.equal(page.next, 4);
    const parameters = Object.fromEntries(new URLSearchParams(node.requests.findLast((recorded) => recorded.path === "/v1/query/contracts/events")?.search));
    assert.deepEqual(parameters, { contract: "token", type: "transfer", fromHeight: "3", toHeight: "90", start: "2", limit: "500" });
  });

  test("error: getEvents refuses a bad type, height, start or limit before asking the node", () => {
    const client = createKexinClient({ url: node.url });
    assertInvalid(() => client.contracts.getEvents({ contract: "token", type: "" }), "type", /1 to 64 bytes/);
    assertInvalid(() => client.contracts.getEvents({ contract: "token", type: "事".repeat(22) }), "type", /1 to 64 bytes/);
    assertInvalid(() => client.contracts.getEvents({ contract: "token", fromHeight: 0 }), "fromHeight", /between 1 and/);
    assertInvalid(() => client.contracts.getEvents({ contract: "token", start: -1 }), "start", /between 0 and/);
    assertInvalid(() => client.contracts.getEvents({ contract: "token", limit: 1_001 }), "limit", /between 1 and 1000/);
  });

  test("default: getContractEvents follows next to the end of the range and keeps its record shape", async () => {
    const client = createKexinClient({ url: node.url });
    const before = node.requests.filter((recorded) => recorded.path === "/v1/query/contracts/events").length;
    const records = await client.contracts.getContractEvents({ contract: "token", fromHeight: 10, toHeight: 14 });
    assert.deepEqual(
      records,
      [10, 11, 12, 13, 14].map((height, position) => ({ contract: "token", type: "transfer", data: { amount: height, memo: "0a0b" }, height, txHash: String(position).repeat(64) })),
    );
    const asked = node.requests.filter((recorded) => recorded.path === "/v1/query/contracts/events").slice(before).map((recorded) => new URLSearchParams(recorded.search).get("start"));
    assert.deepEqual(asked, [null, "2", "4"], "three pages, each from the previous answer's next");
    assert.equal(node.requests.filter((recorded) => recorded.path.startsWith("/v1/blocks")).length, 0, "no block is read");
  });

  test("error: getCalls refuses a limit outside 1 to 100 and a bad name before asking the node", () => {
    const client = createKexinClient({ url: node.url });
    for (const limit of [0, 101, 2.5]) assertInvalid(() => client.contracts.getCalls({ contract: "token", limit }), "limit", /1 to 100/);
    assertInvalid(() => client.contracts.getCalls({ contract: "Token" }), "contract", /contract name/);
  });
});
