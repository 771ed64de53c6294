import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { type ReceiptJson, type SignedTx, type TxResult, decodeSignedTx, fromHex, intlSuite, resultView, toHex, txView, verifyReceipt } from "@kexin/core";
import { type FakeNode, type Route, apiError, closedPortUrl, json, startFakeNode } from "../../sdk/test/fakeNode.ts";
import { buildReceipt, fixtureChainId } from "../../core/test/receiptFixture.ts";
import { parseJson, runCli } from "./runCli.ts";

const status = {
  chainId: fixtureChainId,
  suite: "intl",
  genesisHash: "00".repeat(32),
  height: 7,
  lastBlockHash: "11".repeat(32),
  lastBlockTime: 1_700_000_000_000,
  validatorsHash: "22".repeat(32),
  validators: [{ publicKey: "33".repeat(32), address: "44".repeat(20), power: 1 }],
  mempool: { txs: 2, bytes: 512 },
  consensus: "solo",
  modules: ["evidence", "identity", "points"],
  peers: null,
};

describe("kexin commands against a fake node", () => {
  let node: FakeNode;
  let home: string;
  let receipt: ReceiptJson;
  const submitted: string[] = [];

  /** Committed answers for every transaction this test submitted; the one whose payload asks for it fails. */
  const transaction: Route = (request) => {
    const hash = request.path.split("/").pop() ?? "";
    if (hash === receipt.txHash) {
      // As the API answers: the readable fields are the receipt's transaction and result.
      const proven = verifyReceipt(receipt);
      const readable = { tx: txView(intlSuite, proven.tx as SignedTx), result: resultView(proven.result as TxResult) };
      return { status: 200, body: { hash, status: "committed", height: 7, index: receipt.txIndex, ...readable, receipt } };
    }
    const tx = submitted.find((hex) => toHex(intlSuite.hash(fromHex(hex))) === hash);
    if (tx === undefined) return { status: 404, body: { error: { code: "TX_NOT_FOUND", message: `no transaction ${hash}` } } };
    const fails = (decodeSignedTx(fromHex(tx)).payload as { amount: number }).amount > 100;
    const result = fails
      ? { status: "failed", code: "POINTS_INSUFFICIENT", message: "balance 0 is less than 500", events: [], cost: 1 }
      : { status: "ok", code: "", message: "", events: [{ module: "points", type: "transferred", attributes: {} }], cost: 1 };
    return { status: 200, body: { hash, status: "committed", height: 8, index: 0, tx: {}, result, receipt } };
  };

  before(async () => {
    receipt = buildReceipt().receipt;
    home = await mkdtemp(join(tmpdir(), "kexin-cli-tx-"));
    const created = await runCli(["keys", "new", "alice", "--home", home, "--passphrase", "secret", "--json"]);
    assert.equal(created.code, 0, created.stderr);
    const address = parseJson(created.stdout).address as string;
    node = await startFakeNode({
      routes: {
        "GET /v1/status": json(status),
        [`GET /v1/accounts/${address}`]: json({ address, nonce: 3, member: null }),
        "GET /v1/blocks/latest": json({
          height: 7,
          hash: "11".repeat(32),
          header: { chainId: fixtureChainId, height: 7, time: 1_700_000_000_000, prevHash: "55".repeat(32), txRoot: "", resultsRoot: "", appHash: "", validatorsHash: "", proposer: "33".repeat(32) },
          txs: ["66".repeat(32)],
          commit: { height: 7, round: 0, blockHash: "11".repeat(32), signatures: [{ validator: "33".repeat(32), signature: "77".repeat(64) }] },
        }),
        "GET /v1/blocks/99": apiError(404, "BLOCK_NOT_FOUND", "no block at height 99"),
        "POST /v1/txs": (request) => {
          const tx = (request.body as { tx: string }).tx;
          submitted.push(tx);
          return { status: 202, body: { hash: toHex(intlSuite.hash(fromHex(tx))), status: "pending" } };
        },
        "GET /v1/txs/*": transaction,
      },
    });
  });
  after(async () => {
    await node.close();
    await rm(home, { recursive: true, force: true });
  });

  test("default: tx get --json saved to a file passes kexin verify", async () => {
    const got = await runCli(["tx", "get", receipt.txHash, "--json", "--node", node.url]);
    assert.equal(got.code, 0, got.stderr);
    const path = join(home, "r.json");
    await writeFile(path, got.stdout);
    const verified = await runCli(["verify", path]);
    assert.equal(verified.code, 0, verified.stderr);
    assert.match(verified.stdout, /✓ commit-signed/);
  });

  test("error: tx get of an unknown transaction", async () => {
    const run = await runCli(["tx", "get", "ab".repeat(32), "--node", node.url]);
    assert.equal(run.code, 1);
    assert.equal(run.stderr, `error: no transaction ${"ab".repeat(32)} (TX_NOT_FOUND)\n`);
    const json = await runCli(["tx", "get", "not-a-hash", "--node", node.url, "--json"]);
    assert.equal(json.code, 1);
    assert.equal((parseJson(json.stdout).error as { code: string }).code, "SDK_INVALID_PARAMETER");
  });

  test("default: tx send signs with the named key and --wait reports the result", async () => {
    const run = await runCli([
      "tx", "send", "--key", "alice", "--module", "points", "--type", "transfer",
      "--payload", JSON.stringify({ to: "ab".repeat(20), program: "merchant", amount: 5 }),
      "--wait", "--home", home, "--node", node.url, "--passphrase", "secret",
    ]);
    assert.equal(run.code, 0, run.stderr);
    const tx = decodeSignedTx(fromHex(submitted.at(-1)!));
    assert.equal(tx.nonce, 3);
    assert.equal(tx.chainId, fixtureChainId);
    assert.equal(tx.expiry, 107);
    assert.match(run.stdout, /^hash\s+[0-9a-f]{64}$/m);
    assert.match(run.stdout, /^height\s+8$/m);
    assert.match(run.stdout, /^result\s+ok$/m);
  });

  test("error: tx send --wait exits 1 with the code of a failed transaction", async () => {
    const run = await runCli([
      "tx", "send", "--key", join(home, "keys", "alice.key"), "--module", "points", "--type", "transfer",
      "--payload", JSON.stringify({ to: "ab".repeat(20), program: "merchant", amount: 500 }),
      "--wait", "--home", home, "--node", node.url, "--json",
    ], { KEXIN_PASSPHRASE: "secret" });
    assert.equal(run.code, 1);
    const error = parseJson(run.stdout).error as { code: string; message: string; details: { height: number } };
    assert.equal(error.code, "POINTS_INSUFFICIENT");
    assert.match(error.message, /failed in block 8: balance 0 is less than 500/);
    assert.equal(error.details.height, 8);
  });

  test("error: tx send with bad input", async () => {
    const base = ["tx", "send", "--key", "alice", "--module", "points", "--type", "transfer", "--home", home, "--node", node.url, "--passphrase", "secret"];
    const notJson = await runCli([...base, "--payload", "{amount: 5}"]);
    assert.equal(notJson.code, 1);
    assert.match(notJson.stderr, /--payload is not valid JSON .*\(CLI_BAD_INPUT\)/);
    const float = await runCli([...base, "--payload", '{"amount": 1.5}']);
    assert.match(float.stderr, /payload\.amount is 1\.5: floating-point numbers are not allowed.*\(CODEC_MALFORMED\)/);
    const wrongPassphrase = await runCli([...base.slice(0, -1), "wrong", "--payload", "{}"]);
    assert.equal(wrongPassphrase.code, 1);
    assert.match(wrongPassphrase.stderr, /CRYPTO_BAD_PASSPHRASE/);
    const noKey = await runCli(["tx", "send", "--key", "zoe", "--module", "points", "--type", "transfer", "--payload", "{}", "--home", home, "--passphrase", "x"]);
    assert.match(noKey.stderr, /no key file at .*zoe\.key; run "kexin keys list".*\(CLI_KEY_NOT_FOUND\)/);
  });

  test("default: status and block get print friendly fields", async () => {
    const statusRun = await runCli(["status", "--node", node.url]);
    assert.equal(statusRun.code, 0, statusRun.stderr);
    assert.match(statusRun.stdout, /^chain\s+kexin-test$/m);
    assert.match(statusRun.stdout, /^mempool\s+2 txs, 512 bytes$/m);
    assert.match(statusRun.stdout, /^modules\s+evidence, identity, points$/m);
    assert.match(statusRun.stdout, /^peers\s+none \(solo consensus has no p2p network\)$/m);
    assert.deepEqual(parseJson((await runCli(["status", "--node", node.url, "--json"])).stdout), status);
    const blockRun = await runCli(["block", "get", "latest", "--node", node.url]);
    assert.equal(blockRun.code, 0, blockRun.stderr);
    assert.match(blockRun.stdout, /^time\s+2023-11-14T22:13:20\.000Z$/m);
    assert.match(blockRun.stdout, /^commit\s+round 0, 1 signature$/m);
    assert.match(blockRun.stdout, new RegExp(`^  ${"66".repeat(32)}$`, "m"));
  });

  test("error: block get of a missing or malformed block", async () => {
    const missing = await runCli(["block", "get", "99", "--node", node.url, "--json"]);
    assert.equal(missing.code, 1);
    assert.deepEqual(parseJson(missing.stdout), { error: { code: "BLOCK_NOT_FOUND", message: "no block at height 99" } });
    const malformed = await runCli(["block", "get", "yesterday", "--node", node.url]);
    assert.match(malformed.stderr, /"yesterday" is not a block height .* or "latest" \(CLI_BAD_INPUT\)/);
  });
});

describe("kexin without a node", () => {
  test("error: an unreachable node is a clear network error", async () => {
    const url = await closedPortUrl();
    const run = await runCli(["status", "--node", url]);
    assert.equal(run.code, 1);
    assert.ok(run.stderr.startsWith(`error: cannot reach the node at ${url}: ECONNREFUSED`), run.stderr);
    assert.match(run.stderr, /\(SDK_NETWORK_ERROR\)\n$/);
  });

  test("error: an unknown command is a usage error, as JSON with --json", async () => {
    const run = await runCli(["launch"]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^error: unknown command 'launch'.*\(CLI_USAGE\)\n$/);
    const json = await runCli(["launch", "--json"]);
    assert.equal((parseJson(json.stdout).error as { code: string }).code, "CLI_USAGE");
  });

  test("default: --help exits 0", async () => {
    const run = await runCli(["--help"]);
    assert.equal(run.code, 0);
    for (const command of ["init", "start", "keys", "tx", "block", "status", "verify"]) assert.match(run.stdout, new RegExp(`^  ${command}\\b`, "m"));
  });
});
