import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CborValue, type CryptoSuite, type TxResult, TxStatus, addressOf, decodeTrusted, getSuite, pointsDayStartMs, signTx, toHex } from "@kexin/core";
import pino from "pino";
import { openChainState } from "../../src/chainState.ts";
import { type AdmittedTx, Executor, ModuleRegistry } from "../../src/execution/index.ts";
import { parseGenesis } from "../../src/genesis.ts";
import { createServices } from "../../src/modules/index.ts";
import { LmdbChainStore } from "../../src/storage/index.ts";

/*
 * The points module on a real LMDB store, driven block by block through the node's executor:
 * a test chooses which transactions go into a block and the block's time, so days and expiry
 * are exercised without waiting.
 */

export const merchants = ["airline", "hotel", "telecom"] as const;
export type Merchant = (typeof merchants)[number];

export interface Account {
  readonly privateKey: Uint8Array;
  readonly address: string;
}

export interface Outcome {
  readonly status: "ok" | "failed";
  readonly code: string;
  readonly message: string;
  readonly events: readonly { readonly type: string; readonly attributes: Record<string, unknown> }[];
  readonly hash: string;
  readonly cost: number;
  /** The signed transaction's size. */
  readonly bytes: number;
}

export interface PointsLedger {
  readonly admins: Record<Merchant, Account>;
  /** A member with the merchant role of each merchant. */
  readonly clerks: Record<Merchant, Account>;
  /** Registered members without roles (of the airline), who hold and exchange points. */
  readonly members: readonly Account[];
  /** An account nobody registered. */
  readonly stranger: Account;
  /** The time of the newest committed block. */
  time(): number;
  height(): number;
  /** Queues a transaction for the next block; admission's authorise runs now and its refusal is thrown, unless `admit` is false (as for a transaction admitted before the state it depends on changed). */
  queue(from: Account, type: string, payload: CborValue, admit?: boolean): void;
  /** Executes and commits the queued transactions as one block, `advanceMs` after the previous one. */
  commitBlock(advanceMs?: number): Outcome[];
  /** One transaction in a block of its own. */
  send(from: Account, type: string, payload: CborValue, advanceMs?: number, admit?: boolean): Outcome;
  /** Sends and requires success. */
  commit(from: Account, type: string, payload: CborValue, advanceMs?: number): Outcome;
  /** The keys the newest block wrote, the derived index's left out, sorted. */
  lastStateWrites(): string[];
  /** A raw state value of the points namespace, to pin the layout. */
  state(key: string): CborValue | undefined;
  /** A points query over committed state, its parameters as the API passes them (text). */
  query<T = Record<string, unknown>>(name: string, parameters?: Record<string, string | number>): T;
  close(): Promise<void>;
}

function newAccount(suite: CryptoSuite): Account {
  const privateKey = suite.generatePrivateKey();
  return { privateKey, address: addressOf(suite, suite.publicKeyOf(privateKey)) };
}

/** 2026-03-01 00:00 in UTC+8: tests start at the beginning of a day. */
export const genesisTime = pointsDayStartMs(20_513);
export const dayMs = 86_400_000;

export function startPointsLedger(options: { members?: number } = {}): PointsLedger {
  const suite = getSuite("intl");
  const admins = Object.fromEntries(merchants.map((merchant) => [merchant, newAccount(suite)])) as Record<Merchant, Account>;
  const clerks = Object.fromEntries(merchants.map((merchant) => [merchant, newAccount(suite)])) as Record<Merchant, Account>;
  const members = Array.from({ length: options.members ?? 3 }, () => newAccount(suite));
  const stranger = newAccount(suite);
  const genesis = parseGenesis({
    chainId: "kexin-points-test",
    suite: "intl",
    genesisTime,
    consensus: "solo",
    validators: [{ name: "v1", publicKey: toHex(suite.publicKeyOf(suite.generatePrivateKey())), power: 1 }],
    organisations: merchants.map((merchant) => ({ id: merchant, name: merchant, admins: [toHex(suite.publicKeyOf(admins[merchant].privateKey))] })),
    members: [
      ...merchants.map((merchant) => ({ org: merchant, address: clerks[merchant].address, name: `${merchant} clerk`, roles: ["merchant"] })),
      ...members.map((member, index) => ({ org: "airline", address: member.address, name: `member ${index}`, roles: [] })),
    ],
  });
  const directory = mkdtempSync(join(tmpdir(), "kexin-points-"));
  const store = new LmdbChainStore({ path: directory });
  const services = createServices({ suite, genesis, validatorsAt: () => [] });
  const registry = new ModuleRegistry(services.map((service) => service.module));
  const executor = new Executor(registry, suite, { getRaw: (key) => store.getState(key), listRaw: (prefix, limit) => [...store.stateRange(prefix, limit)] }, pino({ level: "silent" }));
  try {
    openChainState(suite, genesis, store, executor, services);
  } catch (error) {
    void store.close().finally(() => rmSync(directory, { recursive: true, force: true }));
    throw error;
  }
  const nonces = new Map<string, number>();
  let queued: AdmittedTx[] = [];
  let lastWrites: string[] = [];
  const head = () => {
    const current = store.head();
    assert.ok(current, "the store has a head");
    return current;
  };
  const ledger: PointsLedger = {
    admins,
    clerks,
    members,
    stranger,
    time: () => head().time,
    height: () => head().height,
    queue(from, type, payload, admit = true) {
      const nonce = nonces.get(from.address) ?? executor.committedNonce(from.address);
      const signed = signTx(suite, from.privateKey, { chainId: genesis.chainId, nonce, module: "points", type, payload, expiry: 1_000_000 });
      const admitted: AdmittedTx = { tx: signed.tx, bytes: signed.bytes, hash: signed.hash, address: from.address, resolved: registry.resolveTx("points", type, payload) };
      if (admit) executor.authorise(admitted, head().height + 1, head().time);
      nonces.set(from.address, nonce + 1);
      queued.push(admitted);
    },
    commitBlock(advanceMs = 1_000) {
      const txs = queued;
      queued = [];
      const previous = head();
      const height = previous.height + 1;
      const time = previous.time + advanceMs;
      const execution = executor.executeBlock(txs, { height, time });
      const stateTree = executor.stateCommitment(store, height, execution.writes);
      const appHash = stateTree.rootHash;
      lastWrites = [...execution.writes.keys()].filter((key) => !key.startsWith("~index/")).sort();
      store.commitBlock({
        height,
        hash: suite.hash(new Uint8Array([height & 0xff, height >> 8])),
        header: new Uint8Array(1),
        commit: new Uint8Array(1),
        txs: txs.map((admitted, index) => ({ hash: admitted.hash, bytes: admitted.bytes, result: execution.resultBytes[index] as Uint8Array })),
        stateWrites: execution.writes,
        stateTree,
        head: { height, hash: suite.hash(new Uint8Array([height & 0xff, height >> 8, 0])), time, appHash },
      });
      return execution.results.map((result: TxResult, index) => ({
        status: result.status === TxStatus.ok ? "ok" : "failed",
        code: result.code,
        message: result.message,
        events: result.events.map((event) => ({ type: event.type, attributes: event.attributes as Record<string, unknown> })),
        hash: toHex(result.txHash),
        cost: result.cost,
        bytes: (txs[index] as AdmittedTx).bytes.length,
      }));
    },
    send(from, type, payload, advanceMs, admit) {
      ledger.queue(from, type, payload, admit);
      return ledger.commitBlock(advanceMs)[0] as Outcome;
    },
    commit(from, type, payload, advanceMs) {
      const outcome = ledger.send(from, type, payload, advanceMs);
      assert.equal(outcome.status, "ok", `points.${type} failed: ${outcome.code} ${outcome.message}`);
      return outcome;
    },
    lastStateWrites: () => lastWrites,
    state(key) {
      const bytes = store.getState(`points/${key}`);
      return bytes === undefined ? undefined : decodeTrusted(bytes);
    },
    query<T>(name: string, parameters: Record<string, string | number> = {}): T {
      const resolved = registry.resolveQuery("points", name);
      assert.ok(resolved, `points has a query ${name}`);
      const text = Object.fromEntries(Object.entries(parameters).map(([key, value]) => [key, String(value)]));
      assert.ok(resolved.check.Check(text), `parameters of points.${name} match its schema: ${JSON.stringify(text)}`);
      const blocks = { height: head().height, blockHash: () => undefined };
      return resolved.definition.run(executor.readCommitted("points"), text, (other) => executor.readCommitted(other), blocks, executor.readCommittedIndex("points")) as T;
    },
    async close() {
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
  return ledger;
}

/** A program registration payload: face value 1 fen, transferable, expiring after `days` (or never). */
export function programPayload(id: string, options: { days?: number; transferable?: boolean; faceValueFen?: number | bigint } = {}): CborValue {
  return {
    id,
    name: { zh: `${id} 积分`, en: `${id} points` },
    faceValueFen: options.faceValueFen ?? 1,
    expiry: options.days === undefined ? { kind: "none" } : { kind: "days", days: options.days },
    transferable: options.transferable ?? true,
  };
}

/** Terms of an agreement from air miles to hotel stars at 10:1, rounded down, valid for `days` from `from`; `overrides` replace any field. */
export function airToHotelTerms(from: number, days: number, overrides: Record<string, CborValue> = {}): CborValue {
  return {
    id: "air-to-hotel",
    from: "air.miles",
    to: "hotel.stars",
    rate: { from: 10, to: 1 },
    rounding: "down",
    fee: { fixed: 0, basisPoints: 0 },
    settlementFenPerPoint: 2,
    memberDailyCap: 10_000,
    totalDailyCap: 100_000,
    validFrom: from,
    validUntil: from + days * dayMs,
    ...overrides,
  };
}
