import assert from "node:assert/strict";
import { test } from "node:test";
import { type CborValue, TxStatus, addressOf, decodeTrusted, encodeCanonical, getSuite, protocolLimits, signTx } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import { type AdmittedTx, Executor, ModuleRegistry, type ModuleDefinition, WriteBuffer, defineTxType } from "../src/execution/index.ts";
import { ExecutionError } from "../src/execution/errors.ts";
import { baseCostUnits } from "../src/execution/executor.ts";
import { NamespacedState } from "../src/execution/state.ts";
import { nodeLimits } from "../src/limits.ts";

const suite = getSuite("intl");
const key = suite.generatePrivateKey();
const signer = suite.publicKeyOf(key);
const address = addressOf(suite, signer);

/** A helper that takes the emit function detached from its context, as governance's approveWith does. */
function emitVia(emit: (type: string, attributes: { readonly [key: string]: CborValue }) => void, count: number): void {
  for (let index = 0; index < count; index++) emit("relayed", { index });
}

const toy: ModuleDefinition = {
  name: "toy",
  description: "exercises what a handler's context offers",
  txTypes: {
    relay: defineTxType({
      description: "writes, emits through a detached emit, charges, reads another module, and may fail",
      schema: Type.Object({ events: Type.Integer(), charge: Type.Integer(), fail: Type.Boolean() }),
      costUnits: 2,
      authorise: (context) => {
        if (context.readModule("other").get("banned") === context.caller.address) throw new Error("banned");
      },
      execute: (context, payload) => {
        context.state.set("last", context.tx.hash);
        context.index.set("seen", context.block.height);
        emitVia(context.emit, payload.events);
        const charge = context.charge;
        charge(payload.charge);
        if (payload.fail) throw new Error("asked to fail");
      },
      onFailure: (context, _payload, failure) => {
        context.index.set("failed", [context.tx.hash, failure.code, failure.cost, (context.state.get("last") as string | undefined) ?? null]);
      },
    }),
  },
  queries: {},
};

function setup(committed: Record<string, CborValue> = {}): { executor: Executor; admit: (payload: CborValue, nonce: number) => AdmittedTx } {
  const registry = new ModuleRegistry([toy]);
  const state = new WriteBuffer({ getRaw: () => undefined, listRaw: () => [] });
  for (const [stateKey, value] of Object.entries(committed)) state.put(stateKey, encodeCanonical(value));
  const executor = new Executor(registry, suite, state, { error: () => undefined });
  const admit = (payload: CborValue, nonce: number): AdmittedTx => {
    const { tx, bytes, hash } = signTx(suite, key, { chainId: "executor-test", nonce, module: "toy", type: "relay", payload, expiry: 100 });
    return { tx, bytes, hash, address, resolved: registry.resolveTx("toy", "relay", payload) };
  };
  return { executor, admit };
}

test("default: a handler's events, cost, state and index writes reach the result and the block's writes", () => {
  const { executor, admit } = setup();
  const admitted = admit({ events: 3, charge: 7, fail: false }, 0);
  const { results, writes } = executor.executeBlock([admitted], { height: 5, time: 1 });
  const [result] = results;
  assert.equal(result?.status, TxStatus.ok);
  assert.deepEqual(result?.events, [0, 1, 2].map((index) => ({ module: "toy", type: "relayed", attributes: { index } })));
  assert.equal(result?.cost, baseCostUnits(admitted.resolved, admitted.bytes.length) + 7);
  assert.equal(decodeTrusted(writes.get("toy/last") as Uint8Array), Buffer.from(admitted.hash).toString("hex"));
  assert.equal(decodeTrusted(writes.get("~index/toy/seen") as Uint8Array), 5);
  assert.equal(decodeTrusted(writes.get(`nonce/${address}`) as Uint8Array), 1);
});

test("error: more events than eventsPerTxMax fail the transaction with TX_LIMIT_EXCEEDED and keep only its nonce", () => {
  const { executor, admit } = setup();
  const { results, writes } = executor.executeBlock([admit({ events: protocolLimits.eventsPerTxMax + 1, charge: 0, fail: false }, 0)], { height: 1, time: 1 });
  assert.equal(results[0]?.code, "TX_LIMIT_EXCEEDED");
  assert.deepEqual(results[0]?.events, []);
  assert.equal(writes.has("toy/last"), false);
  assert.equal(writes.has(`nonce/${address}`), true);
});

test("error: a charge past the per-transaction maximum fails with TX_COST_EXCEEDED, and the failure hook sees the cost and the state before the transaction", () => {
  const { executor, admit } = setup({ "toy/last": "before" });
  const admitted = admit({ events: 0, charge: 2_000_000, fail: false }, 0);
  const { results, writes } = executor.executeBlock([admitted], { height: 1, time: 1 });
  const cost = baseCostUnits(admitted.resolved, admitted.bytes.length) + 2_000_000;
  assert.equal(results[0]?.code, "TX_COST_EXCEEDED");
  assert.equal(results[0]?.cost, cost);
  assert.deepEqual(decodeTrusted(writes.get("~index/toy/failed") as Uint8Array), [Buffer.from(admitted.hash).toString("hex"), "TX_COST_EXCEEDED", cost, "before"]);
  assert.equal(writes.has("~index/toy/seen"), false);
});

test("behavior: authorise reads another module read-only, at admission and in the block", () => {
  const { executor, admit } = setup({ "other/banned": address });
  const admitted = admit({ events: 0, charge: 0, fail: false }, 0);
  assert.throws(() => executor.authorise(admitted, 1, 1), /banned/);
  assert.equal(executor.executeBlock([admitted], { height: 1, time: 1 }).results[0]?.code, "TX_EXECUTION_FAILED");
  const view = executor.readCommitted("other");
  assert.equal(view.get("banned"), address);
  assert.equal("set" in view, false);
});

test("behavior: admission sees committed state as of the height it admits for, and a later height sees what was committed since", () => {
  const registry = new ModuleRegistry([toy]);
  const committed = new WriteBuffer({ getRaw: () => undefined, listRaw: () => [] });
  const executor = new Executor(registry, suite, committed, { error: () => undefined });
  const payload = { events: 0, charge: 0, fail: false };
  const { tx, bytes, hash } = signTx(suite, key, { chainId: "executor-test", nonce: 0, module: "toy", type: "relay", payload, expiry: 100 });
  const admitted: AdmittedTx = { tx, bytes, hash, address, resolved: registry.resolveTx("toy", "relay", payload) };
  executor.authorise(admitted, 1, 1);
  // What the block at height 1 commits; admission for height 2 must see it.
  committed.put("other/banned", encodeCanonical(address));
  assert.throws(() => executor.authorise(admitted, 2, 2), /banned/);
});

test("error: a state key longer than stateKeyBytesMax in UTF-8 bytes is refused with TX_LIMIT_EXCEEDED, whatever its length in characters", () => {
  const buffer = new WriteBuffer({ getRaw: () => undefined, listRaw: () => [] });
  const state = new NamespacedState(buffer, "toy");
  const room = nodeLimits.stateKeyBytesMax - "toy/".length;
  state.set("a".repeat(room), 1);
  state.set("\u00e9".repeat(room / 2), 2);
  assert.equal(decodeTrusted(buffer.writes.get(`toy/${"\u00e9".repeat(room / 2)}`) as Uint8Array), 2);
  for (const key of ["a".repeat(room + 1), "\u00e9".repeat(room / 2 + 1), "\u20ac".repeat(Math.floor(room / 3) + 1), "\ud83d\ude00".repeat(room / 4 + 1), "\ud800".repeat(Math.floor(room / 3) + 1)]) {
    assert.throws(() => state.set(key, 1), (error: unknown) => error instanceof ExecutionError && error.code === "TX_LIMIT_EXCEEDED", `a key of ${key.length} characters`);
  }
});
