import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { type SignedTx, decodeCanonical, decodeSignedTx, fromHex, intlSuite, toHex, utf8 } from "@kexin/core";
import { type FakeNode, closedPortUrl, json, startFakeNode } from "../../sdk/test/fakeNode.ts";
import { parseContractJson } from "../src/commands/contract/jsonArgs.ts";
import { parseJson, runCli } from "./runCli.ts";

const sha256Hex = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

let scratch: string;
before(async () => {
  scratch = await mkdtemp(join(tmpdir(), "kexin-cli-contract-"));
});
after(() => rm(scratch, { recursive: true, force: true }));

async function contractFile(name: string, source: string): Promise<string> {
  const file = join(scratch, "refused", `${name}.ts`);
  await mkdir(join(scratch, "refused"), { recursive: true });
  await writeFile(file, source);
  return file;
}

const methodsLine = 'export const methods = { ping: { args: { type: "object" } } };\n';

describe("kexin contract new and build", () => {
  test("default: new scaffolds a project that builds to one module; its hash is the SHA-256 of the written file", async () => {
    const project = join(scratch, "counter");
    const created = await runCli(["contract", "new", project, "--json"]);
    assert.equal(created.code, 0, created.stderr);
    assert.deepEqual(parseJson(created.stdout).files, ["contract.ts", "README.md"]);
    assert.match(await readFile(join(project, "contract.ts"), "utf8"), /export const methods = \{[\s\S]*export function init\(/);
    assert.match(await readFile(join(project, "README.md"), "utf8"), /^# counter\n[\s\S]*kexin contract build/);

    const built = await runCli(["contract", "build", project, "--json"]);
    assert.equal(built.code, 0, built.stderr);
    const report = parseJson(built.stdout) as { out: string; codeHash: string; sizeBytes: number; suite: string };
    const module = await readFile(report.out);
    assert.equal(report.out, join(project, "dist", "contract.js"));
    assert.equal(report.codeHash, sha256Hex(module));
    assert.equal(report.sizeBytes, module.length);
    assert.equal(report.suite, "intl");
    assert.doesNotMatch(module.toString("utf8"), /^\s*import\b/m);

    const again = await runCli(["contract", "new", project]);
    assert.notEqual(again.code, 0);
    assert.match(again.stderr, /is not empty/);
  });

  test("behavior: the same sources build to the same bytes in another folder; --suite gm hashes with SM3", async () => {
    const source = join(scratch, "first");
    const copy = join(scratch, "elsewhere", "second");
    for (const project of [source, copy]) assert.equal((await runCli(["contract", "new", project])).code, 0);
    // The scaffold names the contract after its folder; make the sources identical.
    await writeFile(join(copy, "contract.ts"), await readFile(join(source, "contract.ts")));
    const [one, other] = await Promise.all([runCli(["contract", "build", source, "--json"]), runCli(["contract", "build", join(copy, "contract.ts"), "--suite", "gm", "--out", join(scratch, "gm.js"), "--json"])]);
    assert.equal(one.code, 0, one.stderr);
    assert.equal(other.code, 0, other.stderr);
    const [first, second] = [await readFile(join(source, "dist", "contract.js")), await readFile(join(scratch, "gm.js"))];
    assert.deepEqual(first, second);
    assert.equal((parseJson(other.stdout) as { codeHash: string }).codeHash, createHash("sm3").update(second).digest("hex"));
  });

  test("error: Node built-ins, unbundled packages, top-level await, value imports of the authoring types and a missing methods export are refused", async () => {
    const cases: [string, string, RegExp][] = [
      ["builtin", `import { readFileSync } from "node:fs";\n${methodsLine}export function ping() { return readFileSync("x").length; }\n`, /"node:fs" is a Node built-in module/],
      ["bare-builtin", `import { join } from "path";\n${methodsLine}export function ping() { return join("a", "b"); }\n`, /"path" is a Node built-in module/],
      ["missing", `import pad from "kexin-no-such-package";\n${methodsLine}export function ping() { return pad(); }\n`, /Could not resolve "kexin-no-such-package"/],
      ["await", `${methodsLine}const ready = await Promise.resolve(1);\nexport function ping() { return ready; }\n`, /[Tt]op-level await/],
      ["authoring", `import { methodsOf } from "@kexin/sdk/contract";\n${methodsLine}export function ping() { return methodsOf; }\n`, /holds types only/],
      ["no-methods", "export function ping() { return 1; }\n", /exports no `methods`/],
    ];
    const runs = await Promise.all(cases.map(async ([name, source]) => runCli(["contract", "build", await contractFile(name, source), "--json"])));
    for (const [index, [name, , pattern]] of cases.entries()) {
      const run = runs[index]!;
      assert.notEqual(run.code, 0, `${name} should not build`);
      const error = (parseJson(run.stdout) as { error: { code: string; message: string } }).error;
      assert.equal(error.code, "CLI_CONTRACT_BUILD", name);
      assert.match(error.message, pattern, name);
    }
  });
});

describe("kexin contract JSON arguments", () => {
  test("default: integers, strings holding decimals, nested objects and arrays", () => {
    assert.deepEqual(parseContractJson('{"amount": 12, "memo": "1.5e3 is text", "list": [-3, 0, {"n": 9007199254740991}]}', "args"), {
      amount: 12,
      memo: "1.5e3 is text",
      list: [-3, 0, { n: 9_007_199_254_740_991 }],
    });
    assert.deepEqual(parseContractJson('{"quote": "a \\" 1.5"}', "args"), { quote: 'a " 1.5' });
  });

  test("error: a fraction, an exponent, an integer beyond 2^53 − 1 or text that is not JSON", () => {
    assert.throws(() => parseContractJson('{"amount": 1.0}', "args"), /args holds 1\.0, which is not an integer: contracts take integers only/);
    assert.throws(() => parseContractJson('{"amount": 1e3}', "args"), /args holds 1e3/);
    assert.throws(() => parseContractJson("[9007199254740993]", "args"), /\/0: 9007199254740992 is not a safe integer/);
    assert.throws(() => parseContractJson("{amount: 1}", "args"), /args is not JSON/);
  });

  test("error: call and query refuse a float before opening a key or reaching the node", async () => {
    const url = await closedPortUrl();
    const [call, query] = await Promise.all([
      runCli(["contract", "call", "token", "transfer", '{"to":"ab","amount":2.5}', "--key", "nobody", "--node", url, "--json"]),
      runCli(["contract", "query", "token", "balanceOf", '{"owner":1e2}', "--node", url, "--json"]),
    ]);
    assert.equal((parseJson(call.stdout).error as { code: string }).code, "CLI_BAD_INPUT");
    assert.match((parseJson(call.stdout).error as { message: string }).message, /args holds 2\.5/);
    assert.equal((parseJson(query.stdout).error as { code: string }).code, "CLI_BAD_INPUT");
  });

  test("error: propose refuses init arguments for an upgrade and migrate arguments for a deploy", async () => {
    const url = await closedPortUrl();
    const common = ["x.js", "--name", "token", "--id", "t1", "--policy", "{}", "--key", "nobody", "--node", url, "--json"];
    const [upgrade, deploy] = await Promise.all([
      runCli(["contract", "propose", ...common, "--upgrade", "--init", "{}"]),
      runCli(["contract", "propose", ...common, "--migrate", "{}"]),
    ]);
    assert.match((parseJson(upgrade.stdout).error as { message: string }).message, /an upgrade runs --migrate/);
    assert.match((parseJson(deploy.stdout).error as { message: string }).message, /--migrate runs at an upgrade/);
  });
});

describe("kexin contract against a node", () => {
  let node: FakeNode;
  let home: string;
  const posted = new Map<string, SignedTx>();
  const passphrase = { KEXIN_PASSPHRASE: "secret" };

  before(async () => {
    home = await mkdtemp(join(tmpdir(), "kexin-cli-contract-home-"));
    const created = await runCli(["keys", "new", "admin", "--home", home, "--json"], passphrase);
    assert.equal(created.code, 0, created.stderr);
    const address = parseJson(created.stdout).address as string;
    node = await startFakeNode({
      routes: {
        "GET /v1/status": json({ chainId: "kexin-test", suite: "intl", height: 9, mempool: { txs: 0, bytes: 0 } }),
        [`GET /v1/accounts/${address}`]: json({ address, nonce: 0, member: null }),
        "POST /v1/txs": (request) => {
          const bytes = fromHex((request.body as { tx: string }).tx);
          const hash = toHex(intlSuite.hash(bytes));
          posted.set(hash, decodeSignedTx(bytes));
          return { status: 202, body: { hash, status: "pending" } };
        },
        "GET /v1/txs/*": (request) => {
          const hash = request.path.split("/").pop() ?? "";
          const tx = posted.get(hash);
          if (tx === undefined) return { status: 404, body: { error: { code: "TX_NOT_FOUND", message: "unknown" } } };
          const payload = tx.payload as { contract?: string; method?: string };
          const events =
            tx.type === "call"
              ? [
                  { module: "contracts", type: "contract", attributes: { contract: payload.contract, type: "incremented", data: { by: 2, count: 3 } } },
                  { module: "contracts", type: "result", attributes: { contract: payload.contract, method: payload.method, value: 3 } },
                ]
              : [];
          const result = payload.method === "boom" ? { status: "failed", code: "CONTRACT_THREW", message: "count overflow", events: [], cost: 1 } : { status: "ok", code: "", message: "", events, cost: 1 };
          return { status: 200, body: { hash, status: "committed", height: 10, index: 0, tx: {}, result, receipt: {} } };
        },
        "GET /v1/query/contracts/query": json({ value: 3, gasUsed: 12 }),
        "GET /v1/query/contracts/parameters": json({
          limits: { memoryBytesMax: 1 << 25, stackBytesMax: 1 << 18, codeBytesMax: 61_440, callDepthMax: 8, stateKeyBytesMax: 256, stateValueBytesMax: 65_536, eventBytesMax: 4_096, resultBytesMax: 65_536 },
          prices: { work: 1, hostCall: 10, storedByte: 1, eventByte: 1 },
          callGasMax: 500_000,
        }),
        "GET /v1/blocks/latest": json({ height: 10, txs: [] }),
        // The node's index of contract events: the counter's call events, every transaction of this test being in block 10; "another" has none.
        "GET /v1/query/contracts/events": (request) => {
          const query = new URLSearchParams(request.search);
          const contract = query.get("contract");
          if (contract !== "counter" && contract !== "another") return { status: 404, body: { error: { code: "CONTRACT_NOT_FOUND", message: `no contract "${contract}"` } } };
          const inRange = Number(query.get("fromHeight") ?? 1) <= 10 && 10 <= Number(query.get("toHeight") ?? 10);
          const calls = [...posted].filter(([, tx]) => tx.type === "call" && (tx.payload as { contract?: string; method?: string }).contract === contract && (tx.payload as { method?: string }).method !== "boom");
          const events = calls.map(([txHash], position) => ({ position, height: 10, txHash, type: "incremented", data: { by: 2, count: 3 } }));
          return { status: 200, body: { total: events.length, events: inRange ? events : [] } };
        },
      },
    });
  });
  after(async () => {
    await node.close();
    await rm(home, { recursive: true, force: true });
  });

  const signer = () => ["--home", home, "--key", "admin", "--node", node.url, "--json"];
  const lastPosted = () => [...posted.values()].at(-1)!;

  test("default: propose builds a project, signs its module with the code hash, policy (from a file) and init", async () => {
    const project = join(scratch, "proposed");
    assert.equal((await runCli(["contract", "new", project])).code, 0);
    const policyFile = join(scratch, "policy.json");
    await writeFile(policyFile, '{"increment": []}');
    const run = await runCli(["contract", "propose", project, "--name", "counter", "--id", "counter-v1", "--policy", policyFile, "--init", '{"start": 1}', ...signer()], passphrase);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const tx = lastPosted();
    assert.deepEqual([tx.module, tx.type], ["contracts", "propose"]);
    const payload = tx.payload as { id: string; action: { kind: string; name: string; code: Uint8Array; codeHash: Uint8Array; policy: unknown; init: unknown } };
    assert.deepEqual({ ...payload.action, code: undefined, codeHash: undefined }, { kind: "deploy", name: "counter", code: undefined, codeHash: undefined, policy: { increment: [] }, init: { start: 1 } });
    assert.equal(toHex(payload.action.codeHash), sha256Hex(payload.action.code));
    assert.match(new TextDecoder().decode(payload.action.code), /function increment\(/);
    assert.equal((parseJson(run.stdout) as { codeHash: string }).codeHash, toHex(payload.action.codeHash));
  });

  test("default: an upgrade of a built module with migrate, freeze, and approve", async () => {
    const module = join(scratch, "proposed", "dist", "counter.js");
    await mkdir(join(scratch, "proposed", "dist"), { recursive: true });
    await writeFile(module, `${methodsLine}export function ping() { return 1; }\n`);
    const upgrade = await runCli(["contract", "propose", module, "--upgrade", "--name", "counter", "--id", "counter-v2", "--policy", '{"ping":["operator"]}', "--migrate", '{"from": 1}', ...signer()], passphrase);
    assert.equal(upgrade.code, 0, upgrade.stdout + upgrade.stderr);
    const action = (lastPosted().payload as { action: Record<string, unknown> }).action;
    assert.deepEqual([action.kind, action.policy, action.migrate, action.code], ["upgrade", { ping: ["operator"] }, { from: 1 }, utf8(await readFile(module, "utf8"))]);

    assert.equal((await runCli(["contract", "freeze", "counter", "--id", "freeze-counter", ...signer()], passphrase)).code, 0);
    assert.deepEqual(lastPosted().payload, { id: "freeze-counter", action: { kind: "freeze", name: "counter" } });
    assert.equal((await runCli(["contract", "approve", "counter-v1", ...signer()], passphrase)).code, 0);
    assert.deepEqual([lastPosted().type, lastPosted().payload], ["approve", { id: "counter-v1" }]);
  });

  test("default: call answers the value and events; query sends canonical CBOR args", async () => {
    const call = await runCli(["contract", "call", "counter", "increment", '{"by": 2}', "--gas", "5000", ...signer()], passphrase);
    assert.equal(call.code, 0, call.stdout + call.stderr);
    assert.deepEqual(lastPosted().payload, { contract: "counter", method: "increment", args: { by: 2 }, gasLimit: 5_000 });
    const answer = parseJson(call.stdout) as { value: unknown; events: unknown[] };
    assert.equal(answer.value, 3);
    assert.deepEqual(answer.events, [{ contract: "counter", type: "incremented", data: { by: 2, count: 3 } }]);

    const query = await runCli(["contract", "query", "counter", "value", "--node", node.url, "--json"]);
    assert.equal(query.code, 0, query.stderr);
    assert.deepEqual(parseJson(query.stdout), { value: 3, gasUsed: 12 });
    const request = node.requests.findLast((recorded) => recorded.path === "/v1/query/contracts/query");
    assert.deepEqual(decodeCanonical(fromHex(new URLSearchParams(request?.search).get("args") ?? "")), {});
  });

  test("default: events reads the contract's events in the range from the node's index, oldest first", async () => {
    const requestsBefore = node.requests.length;
    const run = await runCli(["contract", "events", "counter", "--from-height", "9", "--node", node.url, "--json"]);
    assert.equal(run.code, 0, run.stderr);
    const answer = parseJson(run.stdout) as { fromHeight: number; toHeight: number; events: { height: number; type: string; data: unknown }[] };
    assert.deepEqual([answer.fromHeight, answer.toHeight], [9, 10]);
    assert.deepEqual(
      answer.events.map((event) => [event.height, event.type, event.data]),
      [[10, "incremented", { by: 2, count: 3 }]],
    );
    const reads = node.requests.slice(requestsBefore).map((recorded) => recorded.path);
    assert.deepEqual(reads, ["/v1/blocks/latest", "/v1/query/contracts/events"], "one query, no block or transaction read");
    assert.deepEqual(Object.fromEntries(new URLSearchParams(node.requests.at(-1)?.search)), { contract: "counter", fromHeight: "9", toHeight: "10", limit: "1000" });
    const other = await runCli(["contract", "events", "another", "--node", node.url]);
    assert.match(other.stdout, /no events of another in blocks 1–10/);
    const ahead = await runCli(["contract", "events", "counter", "--from-height", "11", "--node", node.url, "--json"]);
    assert.equal(ahead.code, 0, ahead.stderr);
    assert.deepEqual((parseJson(ahead.stdout) as { events: unknown[] }).events, []);
    const unknown = await runCli(["contract", "events", "nobody", "--node", node.url, "--json"]);
    assert.notEqual(unknown.code, 0);
    assert.equal((parseJson(unknown.stdout) as { error: { code: string } }).error.code, "CONTRACT_NOT_FOUND");
  });

  test("error: a call the contract fails reports its CONTRACT_ code; without --gas it may use the chain's callGasMax", async () => {
    const run = await runCli(["contract", "call", "counter", "boom", ...signer()], passphrase);
    assert.notEqual(run.code, 0);
    assert.equal((lastPosted().payload as { gasLimit: number }).gasLimit, 500_000);
    const error = (parseJson(run.stdout) as { error: { code: string; message: string } }).error;
    assert.equal(error.code, "CONTRACT_THREW");
    assert.match(error.message, /counter\.boom failed: count overflow/);
  });
});
