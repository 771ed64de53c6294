import { type CryptoSuite, addressOf, toHex } from "@kexin/core";
import type { AdmittedTx, Executor, ModuleRegistry } from "../execution/index.ts";
import { TxError, duplicateTxError } from "./errors.ts";
import type { MempoolOptions } from "./options.ts";
import { type PrecheckedTx, checkTx, checkTxExpiry, checkTxNonce, checkTxSignature, hashOfTx } from "./txCheck.ts";

export interface MempoolDependencies {
  readonly options: MempoolOptions;
  readonly suite: CryptoSuite;
  readonly chainId: string;
  readonly registry: ModuleRegistry;
  readonly executor: Executor;
  /** Height and time of the newest committed block. */
  readonly head: () => { height: number; time: number };
  readonly isCommitted: (hash: Uint8Array) => boolean;
}

export type TxsAvailableListener = () => void;

/**
 * Transactions admitted but not yet in a block, in admission order. Admission requires each
 * account's nonces to arrive without gaps, so any prefix of the queue is a valid block body.
 */
/** Signers whose addresses are remembered; an address costs a hash of the key. */
const addressesCachedMax = 10_000;

export class Mempool {
  private readonly queue = new Map<string, AdmittedTx>();
  private readonly pendingPerAccount = new Map<string, number>();
  private totalBytes = 0;
  /** Committed nonces read at the head's height; a new head makes them stale. */
  private committedNonces = { height: -1, byAddress: new Map<string, number>() };
  private readonly addresses = new Map<string, string>();
  /** No waiting transaction expires before this height (it may be lower than the true earliest, never higher). */
  private earliestExpiry = Number.MAX_SAFE_INTEGER;
  private readonly txsAvailableListeners = new Set<TxsAvailableListener>();
  private txsAvailableQueued = false;

  constructor(private readonly dependencies: MempoolDependencies) {}

  /**
   * Tells the listener when transactions were admitted: once after a run of admissions (on a
   * microtask), not once per transaction, since a submission admits hundreds in one go. Returns
   * the unsubscribe function.
   */
  onTxsAvailable(listener: TxsAvailableListener): () => void {
    this.txsAvailableListeners.add(listener);
    return () => this.txsAvailableListeners.delete(listener);
  }

  private announceTxsAvailable(): void {
    if (this.txsAvailableQueued || this.txsAvailableListeners.size === 0) return;
    this.txsAvailableQueued = true;
    queueMicrotask(() => {
      this.txsAvailableQueued = false;
      for (const listener of this.txsAvailableListeners) listener();
    });
  }

  get size(): number {
    return this.queue.size;
  }

  get sizeBytes(): number {
    return this.totalBytes;
  }

  has(hashHex: string): boolean {
    return this.queue.has(hashHex);
  }

  /** A waiting transaction, already decoded and checked, by hash. */
  get(hashHex: string): AdmittedTx | undefined {
    return this.queue.get(hashHex);
  }

  /** The next nonce an account should use: committed transactions plus those waiting here. */
  nextNonce(address: string): number {
    return this.committedNonce(address) + (this.pendingPerAccount.get(address) ?? 0);
  }

  /** The account's nonce in committed state, read once per block. */
  committedNonce(address: string): number {
    const height = this.dependencies.head().height;
    if (this.committedNonces.height !== height) this.committedNonces = { height, byAddress: new Map() };
    let nonce = this.committedNonces.byAddress.get(address);
    if (nonce === undefined) {
      nonce = this.dependencies.executor.committedNonce(address);
      this.committedNonces.byAddress.set(address, nonce);
    }
    return nonce;
  }

  /** Checks a transaction, verifying its signature on this thread, and admits it or throws the reason. */
  add(bytes: Uint8Array): AdmittedTx {
    const prechecked = this.precheck(bytes);
    const { suite } = this.dependencies;
    return this.admit(prechecked, suite.verify(prechecked.tx.signer, prechecked.signingBytes, prechecked.tx.signature));
  }

  /**
   * Everything that needs neither the signature nor the state: size, encoding, chain, expiry,
   * duplicates, module, type and payload schema. Throws the first refusal.
   */
  precheck(bytes: Uint8Array, known?: { readonly hash: Uint8Array; readonly hashHex: string }): PrecheckedTx {
    return checkTx(this.dependencies, bytes, { known, includedAt: this.dependencies.head().height + 1, isDuplicate: this.isDuplicate });
  }

  /** Made once: a closure made per transaction costs, under esbuild's keepNames, a defineProperty naming it. */
  private readonly isDuplicate = (hash: Uint8Array, hashHex: string): boolean => this.queue.has(hashHex) || this.dependencies.isCommitted(hash);

  /** A transaction's hash and its hex, as the mempool keys it. */
  hashOf(bytes: Uint8Array): { hash: Uint8Array; hashHex: string } {
    return hashOfTx(this.dependencies.suite, bytes);
  }

  /**
   * The checks of precheck for a transaction a proposed block carries, without expiry and
   * duplicates: whether the block may include it is for the block's validation to decide.
   */
  precheckForBlock(bytes: Uint8Array): PrecheckedTx {
    return checkTx(this.dependencies, bytes);
  }

  /** The transaction of a prechecked one whose signature was verified, with its signer's address; no state checks. */
  admittedOf(prechecked: PrecheckedTx): AdmittedTx {
    const { tx, bytes, hash, resolved } = prechecked;
    return { tx, bytes, hash, address: this.addressOf(tx.signer), resolved };
  }

  /** A signer's address; the mempool remembers recent ones, since an address costs a hash of the key. */
  addressOf(signer: Uint8Array): string {
    const key = Buffer.from(signer.buffer, signer.byteOffset, signer.byteLength).toString("latin1");
    let address = this.addresses.get(key);
    if (address === undefined) {
      address = addressOf(this.dependencies.suite, signer);
      if (this.addresses.size >= addressesCachedMax) this.addresses.delete(this.addresses.keys().next().value as string);
      this.addresses.set(key, address);
    }
    return address;
  }

  /** Admits a prechecked transaction whose signature was verified (or not); state-dependent checks run here, in call order. */
  admit(prechecked: PrecheckedTx, signatureValid: boolean): AdmittedTx {
    const { options, executor } = this.dependencies;
    const { tx, bytes, hashHex } = prechecked;
    checkTxSignature(tx, signatureValid);
    // Another request may have admitted the same transaction while this one's signature was checked.
    // (A block committing it meanwhile used its nonce, which the nonce check below refuses.)
    if (this.queue.has(hashHex)) throw duplicateTxError(hashHex);
    const head = this.dependencies.head();
    checkTxExpiry(tx, head.height + 1);
    const admitted = this.admittedOf(prechecked);
    const address = admitted.address;
    executor.authorise(admitted, head.height + 1, head.time);

    const committedNonce = this.committedNonce(address);
    const pending = this.pendingPerAccount.get(address) ?? 0;
    checkTxNonce(tx, address, committedNonce + pending, committedNonce);
    if (this.queue.size >= options.txsMax) throw new TxError({ code: "MEMPOOL_FULL", limit: "txsMax" }, `the mempool holds its maximum of ${options.txsMax} transactions; retry later`);
    if (this.totalBytes + bytes.length > options.bytesMax) throw new TxError({ code: "MEMPOOL_FULL", limit: "bytesMax" }, "the mempool is full by size; retry later");
    if (pending >= options.txsPerAccountMax) {
      throw new TxError({ code: "MEMPOOL_FULL", limit: "txsPerAccountMax" }, `account ${address} already has ${pending} pending transactions; wait for some to commit`);
    }
    this.queue.set(hashHex, admitted);
    this.earliestExpiry = Math.min(this.earliestExpiry, tx.expiry);
    this.pendingPerAccount.set(address, pending + 1);
    this.totalBytes += bytes.length;
    this.announceTxsAvailable();
    return admitted;
  }

  /** The oldest transactions, in order, within the block's bounds. */
  reap(txsMax: number, bytesMax: number): AdmittedTx[] {
    const selected: AdmittedTx[] = [];
    let bytes = 0;
    for (const admitted of this.queue.values()) {
      if (selected.length >= txsMax || bytes + admitted.bytes.length > bytesMax) break;
      selected.push(admitted);
      bytes += admitted.bytes.length;
    }
    return selected;
  }

  /** Drops the transactions a block included, then any that can no longer be included by `nextHeight`. */
  afterBlock(included: readonly AdmittedTx[], nextHeight: number): void {
    const foreignSigners = new Set<string>();
    for (const admitted of included) if (!this.remove(toHex(admitted.hash), admitted)) foreignSigners.add(admitted.address);
    this.removeStaleNonces(foreignSigners);
    // Nothing waiting can have expired yet: spare the walk over the whole queue.
    if (this.earliestExpiry >= nextHeight) return;
    const expiredAccounts = new Map<string, number>();
    let earliestExpiry = Number.MAX_SAFE_INTEGER;
    for (const admitted of this.queue.values()) {
      const firstExpired = expiredAccounts.get(admitted.address);
      if (admitted.tx.expiry < nextHeight && firstExpired === undefined) expiredAccounts.set(admitted.address, admitted.tx.nonce);
      if (admitted.tx.expiry >= nextHeight) earliestExpiry = Math.min(earliestExpiry, admitted.tx.expiry);
    }
    this.earliestExpiry = earliestExpiry;
    if (expiredAccounts.size === 0) return;
    // Later nonces of an account whose transaction expired can never execute, so they go too.
    for (const [hashHex, admitted] of [...this.queue.entries()]) {
      const firstExpired = expiredAccounts.get(admitted.address);
      if (firstExpired !== undefined && admitted.tx.nonce >= firstExpired) this.remove(hashHex, admitted);
    }
  }

  /**
   * With several nodes taking submissions, a block may carry another transaction with a nonce
   * this mempool holds; the one held here can never execute, so it goes.
   */
  private removeStaleNonces(addresses: ReadonlySet<string>): void {
    if (addresses.size === 0) return;
    const committed = new Map<string, number>();
    for (const [hashHex, admitted] of [...this.queue.entries()]) {
      if (!addresses.has(admitted.address)) continue;
      let nonce = committed.get(admitted.address);
      if (nonce === undefined) committed.set(admitted.address, (nonce = this.committedNonce(admitted.address)));
      if (admitted.tx.nonce < nonce) this.remove(hashHex, admitted);
    }
  }

  /** Returns whether the transaction was here. */
  private remove(hashHex: string, admitted: AdmittedTx): boolean {
    if (!this.queue.delete(hashHex)) return false;
    this.totalBytes -= admitted.bytes.length;
    const pending = (this.pendingPerAccount.get(admitted.address) ?? 1) - 1;
    if (pending === 0) this.pendingPerAccount.delete(admitted.address);
    else this.pendingPerAccount.set(admitted.address, pending);
    return true;
  }
}
