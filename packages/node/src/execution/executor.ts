import {
  type CryptoSuite,
  type SignedTx,
  type TxResult,
  KexinError,
  TxStatus,
  type StateTreeBatch,
  encodeTxResult,
  toHex,
} from "@kexin/core";
import { nodeLimits } from "../limits.ts";
import type { StateTreeStore } from "../storage/index.ts";
import { stateCommitment } from "./stateCommitment.ts";
import { IndexBuffer, IndexState, committedIndexValues, derivedIndexNamespace } from "./derivedIndex.ts";
import { HandlerFailureContext, HandlerReadContext, HandlerTxContext } from "./handlerContext.ts";
import { ExecutionFault } from "./errors.ts";
import type { BlockInfo, Caller, GenesisContext, ModuleDefinition, StateRead, TxFailure, TxKind } from "./interface.ts";
import type { ModuleRegistry, ResolvedTxType } from "./registry.ts";
import { BlockReadCache, NamespacedState, type RawState, WriteBuffer, readOnlyNamespace } from "./state.ts";

/** A transaction that passed admission: decoded, hashed, signature checked, handler resolved. */
export interface AdmittedTx {
  readonly tx: SignedTx;
  readonly bytes: Uint8Array;
  readonly hash: Uint8Array;
  readonly address: string;
  readonly resolved: ResolvedTxType;
}

export interface BlockExecution {
  readonly results: readonly TxResult[];
  readonly resultBytes: readonly Uint8Array[];
  readonly writes: ReadonlyMap<string, Uint8Array | null>;
}

export type LoggerLike = { error(object: object, message: string): void };

const nonceNamespace = "nonce";

export function baseCostUnits(resolved: ResolvedTxType, txBytes: number): number {
  return 1 + Math.ceil(txBytes / 64) + resolved.definition.costUnits;
}

/**
 * Runs transactions against state deterministically: the same committed state and the same
 * ordered transactions give the same results and the same writes on every node.
 */
export class Executor {
  private admissionReads: { readonly height: number; readonly state: BlockReadCache } | undefined;
  /** The modules with a readiness check: asked before each block, so only these. */
  private readonly readinessModules: readonly ModuleDefinition[];
  /** The modules with an end-of-block hook, in registry order. */
  private readonly endBlockModules: readonly ModuleDefinition[];

  constructor(
    private readonly registry: ModuleRegistry,
    private readonly suite: CryptoSuite,
    private readonly committed: RawState,
    private readonly logger: LoggerLike,
  ) {
    const modules = registry.moduleNames().map((name) => registry.module(name) as ModuleDefinition);
    this.readinessModules = modules.filter((module) => module.ready !== undefined);
    this.endBlockModules = modules.filter((module) => module.endBlock !== undefined);
  }

  /**
   * Whether every module can execute these transactions synchronously now: undefined when so (at
   * once, on every block once loaded), otherwise a promise to await before executing them.
   */
  ready(txs: () => Iterable<TxKind>): Promise<void> | undefined {
    let waiting: Promise<void>[] | undefined;
    for (const module of this.readinessModules) {
      const loading = module.ready?.(txs, this.readCommitted(module.name));
      if (loading !== undefined) (waiting ??= []).push(loading);
    }
    return waiting === undefined ? undefined : Promise.all(waiting).then(() => undefined);
  }

  committedNonce(address: string): number {
    return (new NamespacedState(this.committed, nonceNamespace).get(address) as number | undefined) ?? 0;
  }

  /** Runs the type's authorisation against committed state, for inclusion at `height`; throws the refusal. */
  authorise(admitted: AdmittedTx, height: number, time: number): void {
    const { module, definition } = admitted.resolved;
    const committed = this.admissionState(height);
    const context = new HandlerReadContext(module, new NamespacedState(committed, module), { address: admitted.address, publicKey: admitted.tx.signer }, { height, time }, committed);
    definition.authorise(context, admitted.tx.payload as never);
  }

  /**
   * Committed state as admission reads it. It cannot change before the block at `height` commits,
   * so admissions for one height share a read cache: a sender's registration and roles are read
   * from the store once per block rather than once per transaction.
   */
  private admissionState(height: number): RawState {
    if (this.admissionReads?.height !== height || this.admissionReads.state.size >= nodeLimits.admissionStateReadsCachedMax) {
      this.admissionReads = { height, state: new BlockReadCache(this.committed) };
    }
    return this.admissionReads.state;
  }

  executeBlock(txs: readonly AdmittedTx[], block: BlockInfo): BlockExecution {
    const blockBuffer = new WriteBuffer(new BlockReadCache(this.committed));
    const blockIndex = new IndexBuffer(committedIndexValues(blockBuffer));
    const results: TxResult[] = [];
    const resultBytes: Uint8Array[] = [];
    for (const admitted of txs) {
      const result = this.executeTx(blockBuffer, blockIndex, admitted, block);
      results.push(result);
      resultBytes.push(encodeTxResult(result));
    }
    for (const module of this.endBlockModules) this.endBlock(blockBuffer, module, block);
    // A derived index that does not fit its lists (a data folder from before the index) stops the node here rather than change a result.
    blockIndex.applyAppends(blockBuffer);
    blockIndex.encodeInto(blockBuffer);
    return { results, resultBytes, writes: blockBuffer.writes };
  }

  private executeTx(blockBuffer: WriteBuffer, blockIndex: IndexBuffer, admitted: AdmittedTx, block: BlockInfo): TxResult {
    const nonces = new NamespacedState(blockBuffer, nonceNamespace);
    const expectedNonce = (nonces.get(admitted.address) as number | undefined) ?? 0;
    if (admitted.tx.nonce !== expectedNonce) {
      // Admission orders nonces, so a mismatch here means the block itself is invalid.
      throw new Error(`transaction ${admitted.address}/${admitted.tx.nonce} is out of order; expected nonce ${expectedNonce}`);
    }
    nonces.set(admitted.address, expectedNonce + 1);

    const txBuffer = new WriteBuffer(blockBuffer);
    const txIndex = new IndexBuffer(blockIndex);
    const { module, definition } = admitted.resolved;
    const context = new HandlerTxContext(
      module,
      new NamespacedState(txBuffer, module),
      { address: admitted.address, publicKey: admitted.tx.signer },
      block,
      txBuffer,
      toHex(admitted.hash),
      new IndexState(txIndex, blockBuffer, module),
      baseCostUnits(admitted.resolved, admitted.bytes.length),
    );
    try {
      definition.authorise(context, admitted.tx.payload as never);
      definition.execute(context, admitted.tx.payload as never);
    } catch (error) {
      if (error instanceof ExecutionFault) throw error;
      if (!(error instanceof KexinError)) {
        this.logger.error({ err: error, module, type: admitted.resolved.type }, "transaction handler threw an unexpected error");
      }
      const code = error instanceof KexinError ? error.code : "TX_EXECUTION_FAILED";
      const message = error instanceof Error ? error.message.slice(0, 1024) : "transaction handler failed";
      const cost = context.cost;
      this.recordFailure(blockBuffer, blockIndex, admitted, block, context.tx.hash, { code, message, cost, error: error instanceof KexinError ? error : undefined });
      return { txHash: admitted.hash, status: TxStatus.failed, code, message, events: [], cost };
    }
    txBuffer.mergeInto(blockBuffer);
    txIndex.mergeInto(blockIndex);
    return { txHash: admitted.hash, status: TxStatus.ok, code: "", message: "", events: context.events, cost: context.cost };
  }

  /** A module's end-of-block hook over its own buffer: merged when it returns, dropped when it throws. */
  private endBlock(blockBuffer: WriteBuffer, module: ModuleDefinition, block: BlockInfo): void {
    const buffer = new WriteBuffer(blockBuffer);
    const context = { module: module.name, state: new NamespacedState(buffer, module.name), block, readModule: (other: string) => readOnlyNamespace(buffer, other) };
    try {
      module.endBlock?.(context);
    } catch (error) {
      if (error instanceof ExecutionFault) throw error;
      this.logger.error({ err: error, module: module.name, height: block.height }, "a module's end-of-block hook threw; its writes are dropped");
      return;
    }
    buffer.mergeInto(blockBuffer);
  }

  /**
   * Runs the type's failure hook over the state before the transaction, with an index buffer of
   * its own: what the hook writes reaches only the derived index, and nothing of it when it throws.
   */
  private recordFailure(blockBuffer: WriteBuffer, blockIndex: IndexBuffer, admitted: AdmittedTx, block: BlockInfo, txHash: string, failure: TxFailure): void {
    const { definition, module, type } = admitted.resolved;
    if (definition.onFailure === undefined) return;
    const failureIndex = new IndexBuffer(blockIndex);
    const caller: Caller = { address: admitted.address, publicKey: admitted.tx.signer };
    const context = new HandlerFailureContext(module, readOnlyNamespace(blockBuffer, module), caller, block, blockBuffer, txHash, new IndexState(failureIndex, blockBuffer, module));
    try {
      definition.onFailure(context, admitted.tx.payload as never, failure);
    } catch (error) {
      // Deterministic like any handler, so every node (and a rebuild) drops the same writes.
      this.logger.error({ err: error, module, type }, "a failed transaction's index hook threw; its index writes are dropped");
      return;
    }
    failureIndex.mergeInto(blockIndex);
  }

  /** The state as queries see it: committed only. */
  readCommitted(module: string): StateRead {
    return readOnlyNamespace(this.committed, module);
  }

  /** A module's derived index as queries see it: committed only. */
  readCommittedIndex(module: string): StateRead {
    return readOnlyNamespace(this.committed, derivedIndexNamespace(module));
  }

  genesisContext(buffer: WriteBuffer, module: string): GenesisContext {
    return { state: new NamespacedState(buffer, module), readModule: (other) => readOnlyNamespace(buffer, other) };
  }

  /**
   * The state tree after a block (version `height`; 0 is genesis) over the tree after the one
   * before: its root is the app hash (SPEC.md §6). Derived-index writes are left out: they follow
   * from the transactions, which txRoot commits. The nodes it returns are written with the block.
   */
  stateCommitment(tree: StateTreeStore, height: number, writes: ReadonlyMap<string, Uint8Array | null>): StateTreeBatch {
    return stateCommitment(this.suite.hash, tree, height, writes);
  }

}
