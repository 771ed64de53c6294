import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { KexinError, addressOf, decodeTrusted, getSuite, signTx, toHex } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import pino from "pino";
import { openChainState } from "../../src/chainState.ts";
import { type AdmittedTx, type DeferredList, Executor, ModuleRegistry, defineTxType } from "../../src/execution/index.ts";
import { parseGenesis } from "../../src/genesis.ts";
import { createServices } from "../../src/modules/index.ts";
import { type ChainStore, LmdbChainStore } from "../../src/storage/index.ts";

// The derived index as the evidence module uses it, on a real store: a module that counts in state and lists in the index.
const suite = getSuite("intl");
const signerKey = suite.generatePrivateKey();
const signer = addressOf(suite, suite.publicKeyOf(signerKey));
const genesis = parseGenesis({
  chainId: "kexin-index-test",
  suite: "intl",
  genesisTime: 1_700_000_000_000,
  consensus: "solo",
  validators: [{ name: "v1", publicKey: toHex(suite.publicKeyOf(suite.generatePrivateKey())), power: 1 }],
  organisations: [{ id: "org", name: "Org", admins: [toHex(suite.publicKeyOf(signerKey))] }],
});

class RefusedError extends KexinError<{ code: "NOTES_REFUSED" }> {}

/** A deferred list kept as one array; `applied` records each block's batch as it is applied. */
const applied: string[][] = [];
const log: DeferredList = {
  id: "log",
  apply: (index, entries) => {
    applied.push(entries as string[]);
    index.set("log", [...((index.get("log") as string[] | undefined) ?? []), ...(entries as string[])]);
  },
};

const notesModule = {
  name: "notes",
  description: "test module",
  queries: {},
  txTypes: {
    note: defineTxType({
      description: "counts in state, lists the note in the index; refuses after listing when asked to",
      schema: Type.Object({ text: Type.String(), refuse: Type.Boolean() }),
      costUnits: 1,
      authorise: () => undefined,
      execute: (context, payload) => {
        const count = (context.state.get("count") as number | undefined) ?? 0;
        context.state.set("count", count + 1);
        const listed = (context.index.get("list") as string[] | undefined) ?? [];
        context.index.set("list", [...listed, payload.text]);
        if (payload.refuse) throw new RefusedError({ code: "NOTES_REFUSED" }, "refused after writing");
      },
    }),
    logged: defineTxType({
      description: "appends the text to a deferred list and records what the list held when it ran",
      schema: Type.Object({ text: Type.String(), refuse: Type.Boolean() }),
      costUnits: 1,
      authorise: () => undefined,
      execute: (context, payload) => {
        context.index.append(log, payload.text);
        context.emit("seen", { length: ((context.index.get("log") as string[] | undefined) ?? []).length });
        if (payload.refuse) throw new RefusedError({ code: "NOTES_REFUSED" }, "refused after appending");
      },
    }),
    hooked: defineTxType({
      description: "writes state and the index, refuses when asked to; a failure is listed in the index by its hook",
      schema: Type.Object({ text: Type.String(), refuse: Type.Boolean() }),
      costUnits: 1,
      authorise: () => undefined,
      execute: (context, payload) => {
        context.state.set(`hooked/${payload.text}`, 1);
        context.index.set(`seen/${payload.text}`, 1);
        if (payload.refuse) throw new RefusedError({ code: "NOTES_REFUSED" }, "refused after writing");
      },
      onFailure: (context, payload, failure) => {
        context.index.set(`failed/${payload.text}`, [failure.code, failure.cost, context.tx.hash, context.block.height, String(context.state.get(`hooked/${payload.text}`)), failure.error instanceof RefusedError]);
        if (payload.text === "hook throws") throw new Error("the hook's own bug");
        if (payload.text === "hook writes state") (context.state as unknown as { set(key: string, value: number): void }).set("sneaked", 1);
      },
    }),
  },
};

let directory: string;
let store: ChainStore;
let executor: Executor;
let registry: ModuleRegistry;
let nonce = 0;
before(() => {
  directory = mkdtempSync(join(tmpdir(), "kexin-derived-index-"));
  store = new LmdbChainStore({ path: directory });
  const services = createServices({ suite, genesis, validatorsAt: () => [] });
  registry = new ModuleRegistry([...services.map((service) => service.module), notesModule]);
  executor = new Executor(registry, suite, { getRaw: (key) => store.getState(key), listRaw: (prefix, limit) => [...store.stateRange(prefix, limit)] }, pino({ level: "silent" }));
  openChainState(suite, genesis, store, executor, services);
});
after(async () => {
  await store.close();
  rmSync(directory, { recursive: true, force: true });
});

function note(text: string, refuse = false, type: "note" | "logged" | "hooked" = "note"): AdmittedTx {
  const payload = { text, refuse };
  const signed = signTx(suite, signerKey, { chainId: genesis.chainId, nonce: nonce++, module: "notes", type, payload, expiry: 1_000 });
  return { tx: signed.tx, bytes: signed.bytes, hash: signed.hash, address: signer, resolved: registry.resolveTx("notes", type, payload) };
}

function commit(txs: AdmittedTx[]): ReturnType<Executor["executeBlock"]> {
  const head = store.head();
  assert.ok(head, "the store has a head");
  const height = head.height + 1;
  const execution = executor.executeBlock(txs, { height, time: head.time + 1_000 });
  const stateTree = executor.stateCommitment(store, height, execution.writes);
  store.commitBlock({
    height,
    hash: suite.hash(new Uint8Array([height])),
    header: new Uint8Array(1),
    commit: new Uint8Array(1),
    txs: txs.map((admitted, index) => ({ hash: admitted.hash, bytes: admitted.bytes, result: execution.resultBytes[index] as Uint8Array })),
    stateWrites: execution.writes,
    stateTree,
    head: { height, hash: suite.hash(new Uint8Array([height, 0])), time: head.time + 1_000, appHash: stateTree.rootHash },
  });
  return execution;
}

describe("derived index", () => {
  test("default: index entries commit with the block, outside state and outside the app hash", () => {
    const execution = commit([note("a"), note("b")]);
    assert.deepEqual(decodeTrusted(store.getState("~index/notes/list") as Uint8Array), ["a", "b"], "the block's index value, encoded once at its end");
    assert.equal(decodeTrusted(store.getState("notes/count") as Uint8Array), 2, "state as usual");
    assert.deepEqual(executor.readCommittedIndex("notes").get("list"), ["a", "b"], "queries read the committed index");
    assert.equal(executor.readCommitted("notes").get("~index/notes/list"), undefined, "the index is not in the module's state");
    const stateOnly = new Map([...execution.writes].filter(([key]) => !key.startsWith("~index/")));
    const height = store.head()?.height ?? 0;
    const appHash = (writes: ReadonlyMap<string, Uint8Array | null>): Uint8Array => executor.stateCommitment(store, height, writes).rootHash;
    assert.deepEqual(appHash(execution.writes), appHash(stateOnly), "index writes do not change the app hash");
    assert.deepEqual(appHash(execution.writes), store.head()?.appHash, "the app hash is the committed one");
    const changed = new Map(execution.writes).set("notes/count", new Uint8Array([1]));
    assert.notDeepEqual(appHash(changed), appHash(execution.writes), "state writes do");
  });

  test("behavior: a failed transaction's index writes are dropped with its state writes", () => {
    const execution = commit([note("c"), note("refused", true), note("d")]);
    assert.deepEqual(execution.results.map((result) => result.code), ["", "NOTES_REFUSED", ""]);
    assert.deepEqual(executor.readCommittedIndex("notes").get("list"), ["a", "b", "c", "d"], "the refused note is not listed");
    assert.equal(executor.readCommitted("notes").get("count"), 4, "nor counted");
  });

  test("behavior: deferred appends are applied once per block, in transaction order, without a failed transaction's, and unseen within the block", () => {
    applied.length = 0;
    const first = commit([note("x", false, "logged"), note("dropped", true, "logged"), note("y", false, "logged")]);
    assert.deepEqual(first.results.map((result) => result.code), ["", "NOTES_REFUSED", ""]);
    assert.deepEqual(
      first.results.filter((result) => result.code === "").map((result) => result.events[0]?.attributes.length),
      [0, 0],
      "a transaction does not see the block's appends",
    );
    const second = commit([note("z", false, "logged")]);
    assert.deepEqual(applied, [["x", "y"], ["z"]], "one batch per block");
    assert.deepEqual(executor.readCommittedIndex("notes").get("log"), ["x", "y", "z"]);
    assert.equal(second.results[0]?.events[0]?.attributes.length, 2, "the next block sees the committed list");
  });
});

describe("failed transaction hook", () => {
  /** The same transaction without its type's failure hook. */
  function unhooked(admitted: AdmittedTx): AdmittedTx {
    const { onFailure: _dropped, ...definition } = admitted.resolved.definition;
    return { ...admitted, resolved: { ...admitted.resolved, definition } };
  }

  test("behavior: the hook lists a failure in the index and changes neither the results nor the app hash", () => {
    const txs = [note("kept", false, "hooked"), note("refused", true, "hooked"), note("hook throws", true, "hooked"), note("hook writes state", true, "hooked")];
    const head = store.head();
    assert.ok(head);
    const block = { height: head.height + 1, time: head.time + 1_000 };
    const without = executor.executeBlock(txs.map(unhooked), block);
    const execution = commit(txs);
    assert.deepEqual(execution.resultBytes, without.resultBytes, "the same results, byte for byte");
    assert.deepEqual(executor.stateCommitment(store, block.height, execution.writes).rootHash, executor.stateCommitment(store, block.height, without.writes).rootHash, "the same app hash");
    assert.deepEqual([...execution.writes.keys()].filter((key) => !key.startsWith("~index/")).sort(), [...without.writes.keys()].filter((key) => !key.startsWith("~index/")).sort());

    const index = executor.readCommittedIndex("notes");
    const refused = execution.results[1];
    assert.ok(refused);
    assert.deepEqual(index.get("failed/refused"), ["NOTES_REFUSED", refused.cost, toHex(txs[1]!.hash), block.height, "undefined", true], "code, cost, transaction and height; the failed write is not in the state it reads");
    assert.equal(index.get("seen/refused"), undefined, "the failed transaction's own index writes are still dropped");
    assert.equal(index.get("seen/kept"), 1);
    assert.equal(index.get("failed/kept"), undefined, "a successful transaction runs no hook");
    assert.equal(index.get("failed/hook throws"), undefined, "a hook that throws keeps nothing");
    assert.equal(index.get("failed/hook writes state"), undefined, "a hook cannot write state; trying keeps nothing");
    assert.equal(executor.readCommitted("notes").get("sneaked"), undefined);
  });
});
