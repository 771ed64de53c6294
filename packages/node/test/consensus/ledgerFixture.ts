import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CborValue, type Commit, type CryptoSuite, addressOf, getSuite, signTx, toHex } from "@kexin/core";
import { ChainApplication } from "../../src/consensus/bft/chainApplication.ts";
import type { CommittedBlock } from "../../src/consensus/index.ts";
import { ValidatorSchedule } from "../../src/consensus/validatorSchedule.ts";
import { openChainState } from "../../src/chainState.ts";
import { Executor, ModuleRegistry } from "../../src/execution/index.ts";
import { type Genesis, genesisValidators, parseGenesis } from "../../src/genesis.ts";
import { InlineSignatureVerifier, Mempool, type SignatureVerifier, TxIntake, defaultMempoolOptions } from "../../src/mempool/index.ts";
import { createGovernanceModule, governanceModuleName } from "../../src/modules/governance/index.ts";
import { builtinModules } from "../../src/node.ts";
import { type ChainStore, LmdbChainStore, DiskReserve } from "../../src/storage/index.ts";

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
  /** Commits a block this ledger built or validated, with a certificate nobody checks here. */
  commit(height: number, block: Uint8Array): void;
  close(): Promise<void>;
}

export function openLedger(
  spec: TestChainSpec,
  options: { verifier?: SignatureVerifier; proposerKey?: Uint8Array; blockExecutionMsTarget?: number; diskReserveBytes?: number; onCommitted?: (block: CommittedBlock) => void } = {},
): Ledger {
  const { genesis } = spec;
  const dataDir = mkdtempSync(join(tmpdir(), "kexin-ledger-"));
  const store = new LmdbChainStore({ path: dataDir });
  const late: { schedule?: ValidatorSchedule } = {};
  const registry = new ModuleRegistry([
    ...builtinModules,
    createGovernanceModule({ consensus: genesis.consensus, genesisValidators: genesisValidators(genesis), publicKeyBytes: suite.publicKeyBytes }),
  ]);
  const executor = new Executor(registry, suite, { getRaw: (key) => store.getState(key), listRaw: (prefix, limit) => [...store.stateRange(prefix, limit)] }, { error: () => undefined });
  const chain = openChainState(suite, genesis, store, executor);
  const schedule = new ValidatorSchedule(suite, chain.validators, () => executor.readCommitted(governanceModuleName));
  late.schedule = schedule;
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
  const application = new ChainApplication({
    suite,
    chainId: genesis.chainId,
    store,
    diskReserve: new DiskReserve(dataDir, options.diskReserveBytes ?? 0),
    mempool,
    executor,
    registry,
    clock: { now: () => (now += 1) },
    schedule,
    proposerPublicKey: options.proposerKey ? suite.publicKeyOf(options.proposerKey) : undefined,
    blockTxsMax: 5_000,
    blockBytesMax: 8 * 1024 * 1024,
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
