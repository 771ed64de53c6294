import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BlockHeader, type CborValue, type Commit, type CryptoSuite, addressOf, getSuite, merkleRoot, signTx, toHex } from "@kexin/core";
import { BlockPipeline } from "../../src/blockPipeline/index.ts";
import { ChainApplication } from "../../src/consensus/bft/chainApplication.ts";
import { type Clock, type CommittedBlock, SoloConsensus, type SoloOptions, defaultSoloOptions } from "../../src/consensus/index.ts";
import type { ValidatorSchedule } from "../../src/consensus/validatorSchedule.ts";
import type { ChainParameterReader, Executor, ModuleRegistry } from "../../src/execution/index.ts";
import { type Genesis, parseGenesis } from "../../src/genesis.ts";
import { openLedgerExecution } from "../../src/ledgerExecution.ts";
import { InlineSignatureVerifier, Mempool, type SignatureVerifier, TxIntake, defaultMempoolOptions } from "../../src/mempool/index.ts";
import { type ChainStore, DiskReserve, LmdbChainStore } from "../../src/storage/index.ts";

export const suite: CryptoSuite = getSuite("intl");

/**
 * One chain for every ledger of a test: validator 0 (the only one, so it proposes every round)
 * and `senders` members of organisation "merchant" with the merchant role.
 */
export interface TestChainSpec {
  readonly genesis: Genesis;
  readonly validatorKeys: readonly Uint8Array[];
  readonly senderKeys: readonly Uint8Array[];
}

export function testChainSpec(senders = 4): TestChainSpec {
  const validatorKeys = [suite.generatePrivateKey()];
  const senderKeys = Array.from({ length: senders }, () => suite.generatePrivateKey());
  const genesis = parseGenesis({
    chainId: "kexin-ledger-test",
    suite: suite.id,
    genesisTime: 1_700_000_000_000,
    consensus: "bft",
    validators: validatorKeys.map((key, index) => ({ name: `v${index}`, publicKey: toHex(suite.publicKeyOf(key)), power: 1 })),
    organisations: [{ id: "merchant", name: "Merchant", admins: [toHex(suite.publicKeyOf(suite.generatePrivateKey()))] }],
    members: senderKeys.map((key, index) => ({ org: "merchant", address: addressOf(suite, suite.publicKeyOf(key)), name: `sender${index}`, roles: ["merchant"] })),
  });
  return { genesis, validatorKeys, senderKeys };
}

/** A node's ledger without its network: store in a temporary folder, executor, mempool, intake and the BFT application. */
export interface Ledger {
  readonly store: ChainStore;
  readonly mempool: Mempool;
  readonly intake: TxIntake;
  readonly application: ChainApplication;
  readonly executor: Executor;
  readonly registry: ModuleRegistry;
  readonly diskReserve: DiskReserve;
  readonly schedule: ValidatorSchedule;
  readonly parameters: ChainParameterReader;
  readonly clock: Clock;
  /** A pipeline over the same store, mempool and executor as the application's. */
  readonly pipeline: BlockPipeline;
  /** Commits a block this ledger built or validated, with a certificate nobody checks here. */
  commit(height: number, block: Uint8Array): void;
  close(): Promise<void>;
}

export function openLedger(
  spec: TestChainSpec,
  options: {
    verifier?: SignatureVerifier;
    proposerKey?: Uint8Array;
    blockExecutionMsTarget?: number;
    blockTxsMax?: number;
    blockBytesMax?: number;
    /** Chain parameter values this ledger reads in place of its chain's, to see a block checked by other limits. */
    parameterOverrides?: Readonly<Record<string, number>>;
    diskReserveBytes?: number;
    clock?: Clock;
    onCommitted?: (block: CommittedBlock) => void;
  } = {},
): Ledger {
  const { genesis } = spec;
  const dataDir = mkdtempSync(join(tmpdir(), "kexin-ledger-"));
  const store = new LmdbChainStore({ path: dataDir });
  const ledger = openLedgerExecution(suite, genesis, store, { error: () => undefined });
  const { registry, executor, schedule } = ledger;
  const overrides = options.parameterOverrides ?? {};
  const parameters: ChainParameterReader = { at: (name, height) => overrides[name] ?? ledger.parameters.at(name, height) };
  const mempool = new Mempool({
    options: defaultMempoolOptions,
    suite,
    chainId: genesis.chainId,
    registry,
    executor,
    head: () => ({ height: store.head()?.height ?? 0, time: store.head()?.time ?? 0 }),
    isCommitted: (hash) => store.hasTx(hash),
  });
  const verifier = options.verifier ?? new InlineSignatureVerifier(suite.id);
  const intake = new TxIntake(mempool, verifier);
  let now = genesis.genesisTime;
  const clock = options.clock ?? { now: () => (now += 1) };
  const diskReserve = new DiskReserve(dataDir, options.diskReserveBytes ?? 0);
  const blockTxsMax = options.blockTxsMax ?? 5_000;
  const blockBytesMax = options.blockBytesMax ?? 8 * 1024 * 1024;
  const application = new ChainApplication({
    suite,
    chainId: genesis.chainId,
    store,
    diskReserve,
    mempool,
    executor,
    registry,
    clock,
    schedule,
    parameters,
    proposerPublicKey: options.proposerKey ? suite.publicKeyOf(options.proposerKey) : undefined,
    blockTxsMax,
    blockBytesMax,
    blockIntervalMs: 100,
    emptyBlockIntervalMs: 1_000,
    blockExecutionMsTarget: options.blockExecutionMsTarget ?? 300,
    scheduleTimer: () => () => undefined,
    onCommitted: options.onCommitted ?? (() => undefined),
  });
  return {
    store,
    mempool,
    intake,
    application,
    executor,
    registry,
    diskReserve,
    schedule,
    parameters,
    clock,
    pipeline: new BlockPipeline({ suite, chainId: genesis.chainId, registry, store, diskReserve, mempool, executor, clock, parameters, blockTxsMax, blockBytesMax }),
    commit(height, block) {
      const identity = application.identifyBlock(block);
      if (!identity) throw new Error("the block does not decode");
      const commit: Commit = { height, round: 0, blockHash: identity.hash, signatures: [] };
      application.commitBlock(height, block, commit);
    },
    async close() {
      await verifier.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs transactions of the chain's senders with consecutive nonces from `firstNonce`. */
export function signedTxs(spec: TestChainSpec, sender: number, firstNonce: number, count: number, call: { module: string; type: string; payload: CborValue }, expiry = 1_000_000): Uint8Array[] {
  const key = spec.senderKeys[sender] as Uint8Array;
  return Array.from({ length: count }, (_unused, index) =>
    signTx(suite, key, { chainId: spec.genesis.chainId, nonce: firstNonce + index, module: call.module, type: call.type, payload: call.payload, expiry }).bytes,
  );
}

/** A points.issue of 1 point from a sender to itself: valid for any merchant member. */
export function issueCall(spec: TestChainSpec, sender: number): { module: string; type: string; payload: CborValue } {
  return { module: "points", type: "issue", payload: { to: addressOf(suite, suite.publicKeyOf(spec.senderKeys[sender] as Uint8Array)), amount: 1 } };
}

/** A Scheduler whose timers run only when a test says so: what is pending is known exactly, so "nothing will happen" is checkable. */
export class ManualScheduler {
  private timers: { readonly durationMs: number; readonly callback: () => void; cancelled: boolean }[] = [];

  readonly schedule = (durationMs: number, callback: () => void): (() => void) => {
    const timer = { durationMs, callback, cancelled: false };
    this.timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };

  /** The delays of the timers still pending, in the order they were set. */
  pending(): number[] {
    this.timers = this.timers.filter((timer) => !timer.cancelled);
    return this.timers.map((timer) => timer.durationMs);
  }

  /** Runs the earliest-set pending timer; false when none is pending. */
  runNext(): boolean {
    this.pending();
    const timer = this.timers.shift();
    if (!timer) return false;
    timer.callback();
    return true;
  }
}

/** A solo engine over a ledger's store, mempool and executor, its timers driven by `scheduler`; a halt fails the test. */
export function openSolo(spec: TestChainSpec, ledger: Ledger, scheduler: ManualScheduler, options: Partial<SoloOptions> = {}): SoloConsensus {
  return new SoloConsensus({
    options: { ...defaultSoloOptions, ...options },
    suite,
    chainId: spec.genesis.chainId,
    validatorPrivateKey: spec.validatorKeys[0] as Uint8Array,
    validatorsHash: ledger.schedule.at(1).hash,
    store: ledger.store,
    diskReserve: ledger.diskReserve,
    mempool: ledger.mempool,
    executor: ledger.executor,
    registry: ledger.registry,
    clock: ledger.clock,
    parameters: ledger.parameters,
    scheduler: scheduler.schedule,
    logger: { info: () => undefined, error: () => undefined },
    onHalt: (error) => assert.fail(`solo halted: ${String(error)}`),
  });
}

/** Waits, a turn of the event loop at a time, until the condition holds; fails after timeoutMs. */
export async function waitUntil(what: string, condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A header for block 1 on the ledger's genesis over `txs`, as a proposer that does not execute them would make it (resultsRoot zero). */
export function unexecutedHeader(spec: TestChainSpec, ledger: Ledger, txs: readonly Uint8Array[]): BlockHeader {
  const head = ledger.store.head();
  assert.ok(head, "the ledger has a genesis head");
  return {
    chainId: spec.genesis.chainId,
    height: head.height + 1,
    time: head.time + 1,
    prevHash: head.hash,
    txCount: txs.length,
    txRoot: merkleRoot(suite.hash, txs),
    resultsRoot: new Uint8Array(32),
    appHash: head.appHash,
    validatorsHash: ledger.schedule.at(head.height + 1).hash,
    proposer: suite.publicKeyOf(spec.validatorKeys[0] as Uint8Array),
  };
}
