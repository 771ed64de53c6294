import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { addressOf, toHex } from "@kexin/core";
import { contractSandboxLoaded } from "../../src/modules/contracts/index.ts";
import { type ContractsChain, type Outcome, argsHex, codeFields, startContractsChain } from "./chain.ts";

// Runs alone in its process (node --test gives each file one): nothing else here loads the interpreter.

const counter = `
export const methods = {
  init: { args: { type: "object", properties: { start: { type: "integer" } }, required: ["start"], additionalProperties: false } },
  add: { args: { type: "object", properties: { by: { type: "integer" } }, required: ["by"], additionalProperties: false } },
  get: { args: { type: "object", additionalProperties: false }, readOnly: true },
};
export function init(args, ctx) { ctx.state.set("count", args.start); }
export function add(args, ctx) { const count = (ctx.state.get("count") ?? 0) + args.by; ctx.state.set("count", count); return count; }
export function get(args, ctx) { return ctx.state.get("count") ?? 0; }
`;

const reopenScript = new URL("./lazyLoading/reopen.ts", import.meta.url).pathname;
const packageRoot = new URL("../..", import.meta.url).pathname;

let chain: ContractsChain;
let nodeClosed = false;
before(async () => {
  chain = await startContractsChain();
});
after(async () => {
  if (!chain) return;
  if (nodeClosed) rmSync(chain.dataDir, { recursive: true, force: true });
  else await chain.close();
});

function assertOk(outcome: Outcome): void {
  assert.equal(outcome.stage, "committed", JSON.stringify(outcome));
  assert.equal(outcome.status, "ok", `${outcome.code}: ${outcome.message}`);
}

/** Opens the chain's data folder in a fresh process (rebuilding its index, or starting a node and asking `queryPath`) and returns what it printed. */
async function reopen(mode: "rebuild" | "start", queryPath = ""): Promise<Record<string, unknown>> {
  const genesisFile = join(chain.dataDir, "..", `${chain.genesis.chainId}-${process.pid}-genesis.json`);
  writeFileSync(genesisFile, JSON.stringify(chain.genesis));
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", reopenScript, mode, chain.dataDir, genesisFile, toHex(chain.validatorPrivateKey), queryPath], { cwd: packageRoot, timeout: 45_000 });
    return JSON.parse(stdout.trim().split("\n").at(-1) as string) as Record<string, unknown>;
  } finally {
    rmSync(genesisFile, { force: true });
  }
}

test("behavior: a node whose chain runs contracts but holds none commits blocks and answers queries without loading the interpreter", async () => {
  assert.equal(contractSandboxLoaded(), false, "starting did not load it");
  const address = addressOf(chain.suite, chain.suite.publicKeyOf(chain.suite.generatePrivateKey()));
  assertOk(await chain.send(chain.admins.bureau, "register_member", { org: "bureau", address, name: "courier", roles: [] }, "identity"));
  assert.equal((await chain.query("parameters")).status, 200);
  assert.equal((await chain.query("query", { contract: "counter", method: "get", args: argsHex({}) })).body.error?.code, "CONTRACT_NOT_FOUND");
  assert.equal(contractSandboxLoaded(), false, "a block without contracts transactions, and queries of a chain without contracts, do not load it");
});

test("behavior: the first contracts transaction loads the interpreter before its block; propose, approve with init, call and query then work", async () => {
  const { bureau, hospital, bank } = chain.admins;
  assertOk(await chain.send(bureau, "propose", { id: "deploy-counter", action: { kind: "deploy", name: "counter", ...codeFields(chain.suite, counter), policy: { add: [] }, init: { start: 5 } } }));
  assert.equal(contractSandboxLoaded(), true);
  assertOk(await chain.send(hospital, "approve", { id: "deploy-counter" }));
  assertOk(await chain.send(bank, "approve", { id: "deploy-counter" }));
  const added = await chain.send(chain.clerk, "call", { contract: "counter", method: "add", args: { by: 2 }, gasLimit: 100_000 });
  assertOk(added);
  const read = await chain.query("query", { contract: "counter", method: "get", args: argsHex({}) });
  assert.deepEqual([read.status, read.body.value], [200, 7]);
});

test("behavior: a process replaying the chain from genesis loads the interpreter for the block that needs it, and reaches the same state", async () => {
  await chain.node.close();
  nodeClosed = true;
  const rebuilt = await reopen("rebuild");
  assert.equal(rebuilt.loadedBefore, false);
  assert.equal(rebuilt.loaded, true);
  assert.ok((rebuilt.height as number) >= 5, JSON.stringify(rebuilt));
});

test("behavior: a node restarted over state holding a contract loads the interpreter at start, and its queries run the contract", async () => {
  const started = await reopen("start", `/v1/query/contracts/query?${new URLSearchParams({ contract: "counter", method: "get", args: argsHex({}) }).toString()}`);
  assert.equal(started.loadedBefore, false);
  assert.equal(started.loadedAtStart, true);
  assert.equal(started.status, 200, JSON.stringify(started.body));
  assert.equal((started.body as { value: unknown }).value, 7);
});
