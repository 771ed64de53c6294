import type { CborValue, KexinError } from "@kexin/core";
import type { TSchema, Static } from "@sinclair/typebox";
import type { ChainParameterDefinitions } from "./chainParameters.ts";

/** Read access to the committed state plus whatever the current block and transaction wrote. */
export interface StateRead {
  get(key: string): CborValue | undefined;
  /** Entries whose key starts with `prefix`, in key order, at most `limit`. Only committed state. */
  list(prefix: string, limit: number): { key: string; value: CborValue }[];
}

export interface StateWrite extends StateRead {
  set(key: string, value: CborValue): void;
  delete(key: string): void;
}

/**
 * A list of the derived index that transactions append to without reading it back: the entries
 * a block appends are kept in order and applied once when the block is done, so the list's last
 * page is read and rewritten once per block however many transactions append to it.
 */
export interface DeferredList {
  /** Names the list within its module (for example its count key); appends with equal ids go to one list. */
  readonly id: string;
  /** Writes the block's entries, in the order they were appended, after the list's committed ones. */
  apply(index: StateWrite, entries: readonly CborValue[]): void;
}

/** A module's derived index during a transaction. */
export interface DerivedIndexWrite extends StateWrite {
  /** Appends to a deferred list at the end of the block; reads within the block do not see the entry. A failed transaction's appends are dropped. */
  append(list: DeferredList, entry: CborValue): void;
}

export interface Caller {
  readonly address: string;
  readonly publicKey: Uint8Array;
}

export interface BlockInfo {
  readonly height: number;
  readonly time: number;
}

export interface ReadContext {
  readonly module: string;
  /** This module's own namespace. */
  readonly state: StateRead;
  readonly caller: Caller;
  readonly block: BlockInfo;
  /** Another module's namespace, read-only (e.g. identity for permission checks). */
  readModule(module: string): StateRead;
}

export interface TxContext extends ReadContext {
  readonly state: StateWrite;
  /** The transaction being executed; its hash (hex) lets a module point records back to their receipt. */
  readonly tx: { readonly hash: string };
  /**
   * This module's derived index: entries kept beside state for queries only (lists by submitter,
   * by time, …). They are committed with the block but left out of the app hash, and a failed
   * transaction's entries are dropped like its state writes (its type's `onFailure` may record
   * the failure instead). Never let a value read from it decide
   * a result, an event or a state write: state must follow from state and transactions alone.
   * Never change a value after setting it; set a new one.
   */
  readonly index: DerivedIndexWrite;
  emit(type: string, attributes: { readonly [key: string]: CborValue }): void;
  /** Adds cost units beyond the type's base cost (e.g. per item in a batch). */
  charge(units: number): void;
}

/** How a committed transaction failed, as its result records it. */
export interface TxFailure {
  readonly code: string;
  readonly message: string;
  readonly cost: number;
  /** The error the handler threw, when it was one of Kexin's (its payload carries the failure's details); undefined for an unexpected error. */
  readonly error: KexinError | undefined;
}

/**
 * What a transaction type may do after one of its transactions failed: read state as it stood
 * before the transaction (none of the failed transaction's writes are there) and write its
 * module's derived index. It can neither write state nor emit events, so the transaction's result
 * and the app hash are the same whether the hook runs or not.
 */
export interface FailureContext extends ReadContext {
  readonly tx: { readonly hash: string };
  readonly index: DerivedIndexWrite;
}

export interface TxTypeDefinition<S extends TSchema = TSchema> {
  readonly description: string;
  readonly schema: S;
  readonly costUnits: number;
  /** Who may send it; runs at mempool admission against committed state, and again at execution. */
  authorise(context: ReadContext, payload: Static<S>): void;
  execute(context: TxContext, payload: Static<S>): void;
  /**
   * Runs after a transaction of this type failed in a block (in `authorise` or `execute`), to
   * record the failure in the derived index (a list of recent calls with their codes). Its index
   * writes are kept with the block; if it throws they are dropped and the failure is logged.
   */
  onFailure?(context: FailureContext, payload: Static<S>, failure: TxFailure): void;
}

/**
 * Read-only facts about committed blocks, for queries only: transactions never see them, so
 * execution stays a function of state. A query may derive an answer from a past block's hash
 * (the lottery draws its winners from the hash of the block at the draw height).
 */
export interface CommittedBlocks {
  /** The newest committed height; 0 before the first block. */
  readonly height: number;
  /** The block time of the newest committed block (ms since the epoch); the genesis time before the first block. Absent where the caller has no head (some tests). */
  readonly time?: number;
  /** The header hash of the committed block at `height`, or undefined when there is none (yet). */
  blockHash(height: number): Uint8Array | undefined;
}

export interface QueryDefinition<S extends TSchema = TSchema> {
  readonly description: string;
  /** Query-string parameters; all values arrive as strings. */
  readonly parameters: S;
  run(state: StateRead, parameters: Static<S>, readModule: (module: string) => StateRead, blocks: CommittedBlocks, index: StateRead): unknown;
}

export interface GenesisContext {
  readonly state: StateWrite;
  readModule(module: string): StateRead;
}

export interface ModuleDefinition {
  readonly name: string;
  readonly description: string;
  readonly txTypes: { readonly [type: string]: TxTypeDefinition };
  readonly queries: { readonly [query: string]: QueryDefinition };
  /**
   * The chain parameters the module owns, by name without the module's prefix (`txsMax` is read as
   * `<module>.txsMax`); governance changes them by proposal, and every node reads them by height.
   */
  readonly parameters?: ChainParameterDefinitions;
  /**
   * Loads what executing the module's transactions needs and can only be loaded asynchronously (an
   * interpreter). Asked before a block is built, checked or replayed, and before a query runs, with
   * the transactions in question (read only while the module is not ready) and the module's
   * committed state: a promise to await first, or undefined to go ahead at once, as on every block
   * once it has loaded. When it loads must never change what a transaction writes.
   */
  ready?(txs: () => Iterable<TxKind>, committed: StateRead): Promise<void> | undefined;
}

/** What a readiness check reads of a transaction. */
export interface TxKind {
  readonly module: string;
  readonly type: string;
}

/** Keeps the schema's static type attached to the handlers while storing definitions uniformly. */
export function defineTxType<S extends TSchema>(definition: TxTypeDefinition<S>): TxTypeDefinition {
  return definition as unknown as TxTypeDefinition;
}

export function defineQuery<S extends TSchema>(definition: QueryDefinition<S>): QueryDefinition {
  return definition as unknown as QueryDefinition;
}
