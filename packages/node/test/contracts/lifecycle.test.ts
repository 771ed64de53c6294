import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { CborValue } from "@kexin/core";
import { type ChainAccount, type ContractsChain, type Outcome, argsHex, codeFields, startContractsChain } from "./chain.ts";

const empty = { type: "object", additionalProperties: false };

// A counter: init sets its start, add counts, get and peek read; the rest probe the host's bounds.
const counterV1 = `
export const methods = {
  init: { args: { type: "object", properties: { start: { type: "integer" } }, required: ["start"], additionalProperties: false } },
  add: { args: { type: "object", properties: { by: { type: "integer", minimum: 1 } }, required: ["by"], additionalProperties: false } },
  get: { args: ${JSON.stringify(empty)}, readOnly: true },
  peek: { args: { type: "object", properties: { key: { type: "string" } }, required: ["key"], additionalProperties: false }, readOnly: true },
  poke: { args: { type: "object", properties: { key: { type: "string" }, value: { type: "integer" } }, required: ["key", "value"], additionalProperties: false } },
  scribble: { args: ${JSON.stringify(empty)}, readOnly: true },
  spin: { args: ${JSON.stringify(empty)} },
  tryInner: { args: { type: "object", properties: { fail: { type: "boolean" } }, required: ["fail"], additionalProperties: false } },
  secret: { args: ${JSON.stringify(empty)} },
};
export function init(args, ctx) { ctx.state.set("count", args.start); ctx.state.set("initBy", ctx.caller.organisation); }
export function add(args, ctx) {
  const count = (ctx.state.get("count") ?? 0) + args.by;
  ctx.state.set("count", count);
  ctx.emit("added", { by: args.by, count });
  return count;
}
export function get(args, ctx) { return ctx.state.get("count") ?? 0; }
export function peek(args, ctx) { return ctx.state.get(args.key); }
export function poke(args, ctx) { ctx.state.set(args.key, args.value); }
export function scribble(args, ctx) { ctx.state.set("count", 0); }
export function spin(args, ctx) { for (let i = 0; ; i++) ctx.state.set("spin/" + i, i); }
export function tryInner(args, ctx) {
  ctx.state.set("before", 1);
  try { ctx.call("ledger", "write", { fail: args.fail }, 10000); } catch (error) { ctx.state.set("caught", String(error.message).slice(0, 40)); }
  ctx.state.set("after", 1);
}
export function secret(args, ctx) { return 1; }
`;

// Version 2 keeps every method and adds migrate, which doubles the count.
const counterV2 = `${counterV1.replace("export const methods = {", `export const methods = {\n  migrate: { args: { type: "object", properties: { factor: { type: "integer" } }, required: ["factor"], additionalProperties: false } },`)}
export function migrate(args, ctx) { ctx.state.set("count", (ctx.state.get("count") ?? 0) * args.factor); ctx.state.set("migrated", true); }
`;

// A ledger another contract calls: write stores x, then throws when asked to fail.
const ledger = `
export const methods = {
  write: { args: { type: "object", properties: { fail: { type: "boolean" } }, required: ["fail"], additionalProperties: false } },
  peek: { args: { type: "object", properties: { key: { type: "string" } }, required: ["key"], additionalProperties: false }, readOnly: true },
  recurse: { args: ${JSON.stringify(empty)} },
};
export function write(args, ctx) { ctx.state.set("x", 1); if (args.fail) throw new Error("ledger refuses"); }
export function recurse(args, ctx) { ctx.state.set("r", 1); ctx.call("ledger", "recurse", {}, 100000); }
export function peek(args, ctx) { return ctx.state.get(args.key); }
`;

const counterPolicy = { add: ["teller"], poke: [], spin: [], tryInner: [], get: [], scribble: [] };

let chain: ContractsChain;
before(async () => {
  chain = await startContractsChain();
});
after(async () => {
  await chain?.close();
});

function assertOk(outcome: Outcome): Extract<Outcome, { stage: "committed" }> {
  assert.equal(outcome.stage, "committed", JSON.stringify(outcome));
  assert.equal(outcome.status, "ok", `${outcome.code}: ${outcome.message}`);
  return outcome;
}

/** A refusal in a committed transaction: failed with the code, nothing of it kept. */
function assertFailed(outcome: Outcome, code: string): Extract<Outcome, { stage: "committed" }> {
  assert.equal(outcome.stage, "committed", JSON.stringify(outcome));
  assert.equal(outcome.status, "failed");
  assert.equal(outcome.code, code, outcome.message);
  assert.deepEqual(outcome.events, []);
  return outcome;
}

async function read(contract: string, method: string, args: CborValue = {}): Promise<unknown> {
  const answer = await chain.query("query", { contract, method, args: argsHex(args) });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body.value;
}

async function deploy(name: string, source: string, policy: Record<string, string[]>, init?: CborValue): Promise<void> {
  const { bureau, hospital, bank } = chain.admins;
  assertOk(await chain.send(bureau, "propose", { id: `deploy-${name}`, action: { kind: "deploy", name, ...codeFields(chain.suite, source), policy, ...(init === undefined ? {} : { init }) } }));
  assertOk(await chain.send(hospital, "approve", { id: `deploy-${name}` }));
  assertOk(await chain.send(bank, "approve", { id: `deploy-${name}` }));
}

async function call(from: ChainAccount, contract: string, method: string, args: CborValue, gasLimit = 100_000): Promise<Outcome> {
  return chain.send(from, "call", { contract, method, args, gasLimit });
}

test("behavior: a deploy needs more than two thirds of four organisations; at three it activates and init runs in the approving block", async () => {
  const { bureau, hospital, bank } = chain.admins;
  const proposed = assertOk(await chain.send(bureau, "propose", { id: "deploy-counter", action: { kind: "deploy", name: "counter", ...codeFields(chain.suite, counterV1), policy: counterPolicy, init: { start: 5 } } }));
  assert.deepEqual(proposed.events.map((event) => event.type), ["proposed", "approved_by"]);
  let proposal = (await chain.query("proposal", { id: "deploy-counter" })).body;
  assert.deepEqual([proposal.status, proposal.approvals, proposal.needed], ["open", ["bureau"], 3]);

  assertFailed(await call(chain.teller, "counter", "add", { by: 1 }), "CONTRACT_NOT_ACTIVE");
  assertOk(await chain.send(hospital, "approve", { id: "deploy-counter" }));
  assert.equal((await chain.query("list")).body.length, 0, "two of four organisations are not enough");
  assertFailed(await call(chain.teller, "counter", "add", { by: 1 }), "CONTRACT_NOT_ACTIVE");

  const approved = assertOk(await chain.send(bank, "approve", { id: "deploy-counter" }));
  assert.deepEqual(approved.events.map((event) => event.type), ["approved", "activated"]);
  proposal = (await chain.query("proposal", { id: "deploy-counter" })).body;
  assert.equal(proposal.status, "approved");
  const listed = (await chain.query("list")).body as unknown as { name: string; status: string; version: number; activatedAt: number }[];
  assert.deepEqual(listed.map((contract) => [contract.name, contract.status, contract.version]), [["counter", "active", 1]]);
  assert.equal(await read("counter", "get"), 5, "init ran with its arguments");
  assert.equal(await read("counter", "peek", { key: "initBy" }), "bank", "init ran as the approving organisation's admin");
  const code = (await chain.query("code", { hash: (listed[0] as unknown as { codeHash: string }).codeHash })).body;
  assert.equal(code.code, counterV1);
});

test("default: a call within its policy runs, emits the contract's events and a result", async () => {
  const outcome = assertOk(await call(chain.teller, "counter", "add", { by: 2 }));
  assert.deepEqual(
    outcome.events.map((event) => [event.module, event.type]),
    [["contracts", "contract"], ["contracts", "result"]],
  );
  assert.deepEqual(outcome.events[0]!.attributes, { contract: "counter", type: "added", data: { by: 2, count: 7 } });
  assert.equal(outcome.events[1]!.attributes.value, 7);
  assert.ok(outcome.cost > (outcome.events[1]!.attributes.gasUsed as number), "gas is charged as cost units");
  assert.equal(await read("counter", "get"), 7);
});

test("error: non-admins cannot propose or approve (CONTRACT_NOT_ADMIN)", async () => {
  const action = { kind: "deploy", name: "sneaky", ...codeFields(chain.suite, ledger), policy: {} };
  for (const from of [chain.teller, chain.stranger]) {
    const proposed = await chain.send(from, "propose", { id: "sneaky", action });
    assert.deepEqual([proposed.stage, proposed.code], ["admission", "CONTRACT_NOT_ADMIN"]);
  }
  const { bureau } = chain.admins;
  assertOk(await chain.send(bureau, "propose", { id: "freeze-counter-early", action: { kind: "freeze", name: "counter" } }));
  const approved = await chain.send(chain.clerk, "approve", { id: "freeze-counter-early" });
  assert.deepEqual([approved.stage, approved.code], ["admission", "CONTRACT_NOT_ADMIN"]);
  assert.equal((await chain.query("proposal", { id: "sneaky" })).status, 404);
  assert.deepEqual((await chain.query("proposal", { id: "freeze-counter-early" })).body.approvals, ["bureau"]);
});

test("error: an organisation approves once (CONTRACT_ALREADY_APPROVED); the nonce counts", async () => {
  const nonce = await chain.nonce(chain.admins.bureau);
  assertFailed(await chain.send(chain.admins.bureau, "approve", { id: "freeze-counter-early" }), "CONTRACT_ALREADY_APPROVED");
  assert.equal(await chain.nonce(chain.admins.bureau), nonce + 1);
  assert.deepEqual((await chain.query("proposal", { id: "freeze-counter-early" })).body.approvals, ["bureau"]);
  assertFailed(await chain.send(chain.admins.hospital, "approve", { id: "deploy-counter" }), "CONTRACT_ALREADY_APPROVED");
  assertFailed(await chain.send(chain.admins.hospital, "approve", { id: "no-such-proposal" }), "CONTRACT_PROPOSAL_NOT_FOUND");
});

test("error: code whose hash does not match is refused (CONTRACT_CODE_HASH_MISMATCH) and nothing is stored", async () => {
  const { code } = codeFields(chain.suite, ledger);
  const wrongHash = chain.suite.hash(new Uint8Array([1, 2, 3]));
  assertFailed(await chain.send(chain.admins.bureau, "propose", { id: "bad-hash", action: { kind: "deploy", name: "badhash", code, codeHash: wrongHash, policy: {} } }), "CONTRACT_CODE_HASH_MISMATCH");
  assert.equal((await chain.query("proposal", { id: "bad-hash" })).status, 404);
  assert.equal((await chain.query("code", { hash: Buffer.from(chain.suite.hash(code)).toString("hex") })).status, 404);
  const broken = codeFields(chain.suite, "export const methods = {; export function");
  assertFailed(await chain.send(chain.admins.bureau, "propose", { id: "broken", action: { kind: "deploy", name: "broken", ...broken, policy: {} } }), "CONTRACT_CODE_INVALID");
  assertFailed(await chain.send(chain.admins.bureau, "propose", { id: "deploy-counter", action: { kind: "freeze", name: "counter" } }), "CONTRACT_PROPOSAL_EXISTS");
  assertFailed(await chain.send(chain.admins.bureau, "propose", { id: "counter-again", action: { kind: "deploy", name: "counter", ...codeFields(chain.suite, ledger), policy: {} } }), "CONTRACT_NAME_TAKEN");
  assertFailed(await chain.send(chain.admins.bureau, "propose", { id: "bad-policy", action: { kind: "deploy", name: "badpolicy", ...codeFields(chain.suite, ledger), policy: { missing: [] } } }), "CONTRACT_METHOD_NOT_FOUND");
});

test("error: arguments failing the method's schema are refused before it runs (CONTRACT_ARGS_INVALID)", async () => {
  const nonce = await chain.nonce(chain.teller);
  const refused = assertFailed(await call(chain.teller, "counter", "add", { by: 0 }), "CONTRACT_ARGS_INVALID");
  assert.match(refused.message, /args\/by/);
  assertFailed(await call(chain.teller, "counter", "add", { by: 1, extra: true }), "CONTRACT_ARGS_INVALID");
  assert.equal(await chain.nonce(chain.teller), nonce + 2);
  assert.equal(await read("counter", "get"), 7);
});

test("error: calls outside the policy, to undeclared or lifecycle methods, or above the gas maximum are refused by code", async () => {
  assertFailed(await call(chain.clerk, "counter", "add", { by: 1 }), "CONTRACT_METHOD_NOT_ALLOWED");
  assertFailed(await call(chain.teller, "counter", "secret", {}), "CONTRACT_METHOD_NOT_ALLOWED");
  assertFailed(await call(chain.teller, "counter", "init", { start: 0 }), "CONTRACT_METHOD_NOT_ALLOWED");
  assertFailed(await call(chain.teller, "counter", "nothing", {}), "CONTRACT_METHOD_NOT_FOUND");
  assertFailed(await call(chain.teller, "nobody", "add", { by: 1 }), "CONTRACT_NOT_FOUND");
  assertFailed(await call(chain.teller, "counter", "add", { by: 1 }, 200_001), "CONTRACT_GAS_LIMIT_TOO_HIGH");
  const unregistered = await call(chain.stranger, "counter", "get", {});
  assert.deepEqual([unregistered.stage, unregistered.code], ["admission", "TX_SIGNER_NOT_REGISTERED"]);
  assert.equal(await read("counter", "get"), 7);
});

test("error: a read-only method cannot write, in a transaction or a query (CONTRACT_METHOD_NOT_ALLOWED)", async () => {
  assertFailed(await call(chain.clerk, "counter", "scribble", {}), "CONTRACT_METHOD_NOT_ALLOWED");
  const queried = await chain.query("query", { contract: "counter", method: "scribble", args: argsHex({}) });
  assert.equal(queried.status, 403);
  assert.equal(queried.body.error?.code, "CONTRACT_METHOD_NOT_ALLOWED");
  const notReadOnly = await chain.query("query", { contract: "counter", method: "add", args: argsHex({ by: 1 }) });
  assert.equal(notReadOnly.body.error?.code, "CONTRACT_METHOD_NOT_ALLOWED");
  assert.equal(await read("counter", "get"), 7);
});

test("behavior: a contract writes only under its own name; keys that look like paths stay inside it", async () => {
  await deploy("ledger", ledger, { write: [], recurse: [] });
  assertOk(await call(chain.clerk, "counter", "poke", { key: "../ledger/x", value: 99 }));
  assertOk(await call(chain.clerk, "counter", "poke", { key: "c/ledger/x", value: 98 }));
  assert.equal(await read("ledger", "peek", { key: "x" }), null, "the ledger's state is untouched");
  assert.equal(await read("counter", "peek", { key: "../ledger/x" }), 99, "the write landed in the counter's own state");
  assert.equal(await read("counter", "peek", { key: "c/ledger/x" }), 98);
});

test("behavior: a failed inner call fails the whole call with its code, and neither contract keeps a write", async () => {
  // The inner call's failure ends the outer call too, even inside try/catch: the outer contract cannot go on with gas the inner call may have spent.
  const failed = await call(chain.clerk, "counter", "tryInner", { fail: true });
  assert.equal(failed.stage, "committed");
  assert.equal(failed.status, "failed");
  assert.equal(failed.code, "CONTRACT_THREW", failed.message);
  assert.match(failed.message, /ledger refuses/);
  assert.equal(await read("ledger", "peek", { key: "x" }), null, "the failing ledger call's write is reverted");
  assert.equal(await read("counter", "peek", { key: "before" }), null, "and so is the caller's");
  assert.equal(await read("counter", "peek", { key: "caught" }), null, "the contract could not catch it");
  assertOk(await call(chain.clerk, "counter", "tryInner", { fail: false }));
  assert.equal(await read("ledger", "peek", { key: "x" }), 1, "a successful inner call keeps its write");
  assert.equal(await read("counter", "peek", { key: "after" }), 1);
});

test("error: calls between contracts nest to a bounded depth (CONTRACT_CALL_DEPTH) and the whole chain of calls is dropped", async () => {
  assertFailed(await call(chain.clerk, "ledger", "recurse", {}), "CONTRACT_CALL_DEPTH");
  assert.equal(await read("ledger", "peek", { key: "r" }), null);
});

test("error: an init that fails fails the approving transaction and nothing activates", async () => {
  const failing = ledger.replace("export const methods = {", "export const methods = {\n  init: { args: " + JSON.stringify(empty) + " },") + "\nexport function init(args, ctx) { ctx.state.set(\"x\", 1); throw new Error(\"init refuses\"); }\n";
  const { bureau, hospital, bank } = chain.admins;
  assertOk(await chain.send(bureau, "propose", { id: "deploy-failing", action: { kind: "deploy", name: "failing", ...codeFields(chain.suite, failing), policy: { write: [] } } }));
  assertOk(await chain.send(hospital, "approve", { id: "deploy-failing" }));
  const refused = assertFailed(await chain.send(bank, "approve", { id: "deploy-failing" }), "CONTRACT_THREW");
  assert.match(refused.message, /init refuses/);
  assert.equal((await chain.query("get", { name: "failing" })).status, 404);
  const proposal = (await chain.query("proposal", { id: "deploy-failing" })).body;
  assert.deepEqual([proposal.status, proposal.approvals], ["open", ["bureau", "hospital"]]);
  assertFailed(await call(chain.clerk, "failing", "write", { fail: false }), "CONTRACT_NOT_ACTIVE");
});

test("error: out of gas fails the call with CONTRACT_OUT_OF_GAS, drops every write, and the nonce counts", async () => {
  const nonce = await chain.nonce(chain.clerk);
  const outcome = assertFailed(await call(chain.clerk, "counter", "spin", {}, 5_000), "CONTRACT_OUT_OF_GAS");
  assert.ok(outcome.cost >= 5_000, `the gas used is charged (cost ${outcome.cost})`);
  assert.equal(await chain.nonce(chain.clerk), nonce + 1);
  assert.equal(await read("counter", "peek", { key: "spin/0" }), null);
});

test("behavior: an upgrade keeps state and runs migrate; the version and code hash change", async () => {
  const { bureau, hospital, notary } = chain.admins;
  const fields = codeFields(chain.suite, counterV2);
  assertOk(await chain.send(bureau, "propose", { id: "upgrade-counter", action: { kind: "upgrade", name: "counter", ...fields, policy: counterPolicy, migrate: { factor: 3 } } }));
  assertOk(await chain.send(hospital, "approve", { id: "upgrade-counter" }));
  assert.equal(await read("counter", "get"), 7, "nothing changes before the threshold");
  const upgraded = assertOk(await chain.send(notary, "approve", { id: "upgrade-counter" }));
  assert.ok(upgraded.events.some((event) => event.type === "upgraded"));
  assert.equal(await read("counter", "get"), 21, "state was kept and migrate ran");
  assert.equal(await read("counter", "peek", { key: "migrated" }), true);
  const detail = (await chain.query("get", { name: "counter" })).body;
  assert.equal(detail.version, 2);
  assert.equal(detail.codeHash, Buffer.from(fields.codeHash).toString("hex"));
  assert.ok("migrate" in (detail.methods as object));
});

test("behavior: a frozen contract refuses calls (CONTRACT_FROZEN) and unfreezing restores them", async () => {
  const { bureau, hospital, bank, notary } = chain.admins;
  assertOk(await chain.send(hospital, "approve", { id: "freeze-counter-early" }));
  assertOk(await chain.send(bank, "approve", { id: "freeze-counter-early" }));
  assert.equal(((await chain.query("get", { name: "counter" })).body as { status: string }).status, "frozen");
  const nonce = await chain.nonce(chain.teller);
  assertFailed(await call(chain.teller, "counter", "add", { by: 1 }), "CONTRACT_FROZEN");
  assert.equal(await chain.nonce(chain.teller), nonce + 1);
  const frozenQuery = await chain.query("query", { contract: "counter", method: "get", args: argsHex({}) });
  assert.equal(frozenQuery.body.error?.code, "CONTRACT_FROZEN");

  assertOk(await chain.send(notary, "propose", { id: "unfreeze-counter", action: { kind: "unfreeze", name: "counter" } }));
  assertOk(await chain.send(bureau, "approve", { id: "unfreeze-counter" }));
  assertOk(await chain.send(bank, "approve", { id: "unfreeze-counter" }));
  assertOk(await call(chain.teller, "counter", "add", { by: 1 }));
  assert.equal(await read("counter", "get"), 22);
});

test("default: the parameters query answers the genesis section over the defaults; proposals filter by status", async () => {
  const parameters = (await chain.query("parameters")).body as { callGasMax: number; limits: { callDepthMax: number } };
  assert.equal(parameters.callGasMax, 200_000);
  assert.equal(parameters.limits.callDepthMax, 8);
  const open = (await chain.query("proposals", { status: "open" })).body as unknown as { id: string }[];
  assert.deepEqual(open.map((proposal) => proposal.id), ["deploy-failing"]);
  const approved = (await chain.query("proposals", { status: "approved" })).body as unknown as { id: string }[];
  assert.deepEqual(approved.map((proposal) => proposal.id).sort(), ["deploy-counter", "deploy-ledger", "freeze-counter-early", "unfreeze-counter", "upgrade-counter"]);
  assert.equal((await chain.query("get", { name: "nobody" })).status, 404);
});
