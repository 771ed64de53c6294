import { type CryptoSuite, type SignedTx, addressOf, decodeSignedTx, protocolLimits, toHex, txSigningBytes } from "@kexin/core";
import type { AdmittedTx, Executor, ModuleRegistry, ResolvedTxType } from "../execution/index.ts";
import { TxError } from "./errors.ts";
import type { MempoolOptions } from "./options.ts";

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

/** A transaction that passed every check that needs neither its signature nor the state. */
export interface PrecheckedTx {
  readonly tx: SignedTx;
  readonly bytes: Uint8Array;
  readonly hash: Uint8Array;
  readonly hashHex: string;
  readonly resolved: ResolvedTxType;
  readonly signingBytes: Uint8Array;
}

/**
 * Transactions admitted but not yet in a block, in admission order. Admission requires each
 * account's nonces to arrive without gaps, so any prefix of the queue is a valid block body.
 */
export class Mempool {
  private readonly queue = new Map<string, AdmittedTx>();
  private readonly pendingPerAccount = new Map<string, number>();
  private totalBytes = 0;

  constructor(private readonly dependencies: MempoolDependencies) {}

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
    return this.dependencies.executor.committedNonce(address) + (this.pendingPerAccount.get(address) ?? 0);
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
  precheck(bytes: Uint8Array): PrecheckedTx {
    const { suite, chainId, registry } = this.dependencies;
    if (bytes.length > protocolLimits.txBytesMax) {
      throw new TxError(
        { code: "TX_TOO_LARGE", sizeBytes: bytes.length, sizeBytesMax: protocolLimits.txBytesMax },
        `transaction is ${bytes.length} bytes; the limit is ${protocolLimits.txBytesMax}`,
      );
    }
    const tx = decodeSignedTx(bytes);
    if (tx.chainId !== chainId) {
      throw new TxError({ code: "TX_WRONG_CHAIN", expected: chainId, got: tx.chainId }, `transaction is for chain "${tx.chainId}", this is "${chainId}"`);
    }
    const head = this.dependencies.head();
    if (tx.expiry <= head.height) {
      throw new TxError({ code: "TX_EXPIRED", expiry: tx.expiry, height: head.height }, `transaction expired at height ${tx.expiry}; the chain is at ${head.height}`);
    }
    const hash = suite.hash(bytes);
    const hashHex = toHex(hash);
    this.refuseDuplicate(hash, hashHex);
    const resolved = registry.resolveTx(tx.module, tx.type, tx.payload);
    if (tx.signer.length !== suite.publicKeyBytes) {
      throw new TxError({ code: "TX_BAD_SIGNATURE", signer: toHex(tx.signer) }, `signer must be a ${suite.publicKeyBytes}-byte ${suite.id} public key`);
    }
    return { tx, bytes, hash, hashHex, resolved, signingBytes: txSigningBytes(tx) };
  }

  /** Admits a prechecked transaction whose signature was verified (or not); state-dependent checks run here, in call order. */
  admit(prechecked: PrecheckedTx, signatureValid: boolean): AdmittedTx {
    const { options, suite, executor } = this.dependencies;
    const { tx, bytes, hash, hashHex, resolved } = prechecked;
    if (!signatureValid) {
      throw new TxError({ code: "TX_BAD_SIGNATURE", signer: toHex(tx.signer) }, "transaction signature does not match its signer and contents");
    }
    // Another request may have admitted the same transaction while this one's signature was checked.
    this.refuseDuplicate(hash, hashHex);
    const head = this.dependencies.head();
    if (tx.expiry <= head.height) {
      throw new TxError({ code: "TX_EXPIRED", expiry: tx.expiry, height: head.height }, `transaction expired at height ${tx.expiry}; the chain is at ${head.height}`);
    }
    const address = addressOf(suite, tx.signer);
    const admitted: AdmittedTx = { tx, bytes, hash, address, resolved };
    executor.authorise(admitted, head.height + 1, head.time);

    const committedNonce = executor.committedNonce(address);
    const pending = this.pendingPerAccount.get(address) ?? 0;
    const expected = committedNonce + pending;
    if (tx.nonce < expected) {
      throw new TxError(
        { code: "TX_NONCE_USED", expected, got: tx.nonce },
        `nonce ${tx.nonce} of ${address} is already used${tx.nonce < committedNonce ? " by a committed transaction" : " by a pending transaction"}; the next is ${expected}`,
      );
    }
    if (tx.nonce > expected) {
      throw new TxError({ code: "TX_NONCE_GAP", expected, got: tx.nonce }, `nonce ${tx.nonce} of ${address} leaves a gap; the next is ${expected}`);
    }
    if (this.queue.size >= options.txsMax) throw new TxError({ code: "MEMPOOL_FULL", limit: "txsMax" }, `the mempool holds its maximum of ${options.txsMax} transactions; retry later`);
    if (this.totalBytes + bytes.length > options.bytesMax) throw new TxError({ code: "MEMPOOL_FULL", limit: "bytesMax" }, "the mempool is full by size; retry later");
    if (pending >= options.txsPerAccountMax) {
      throw new TxError({ code: "MEMPOOL_FULL", limit: "txsPerAccountMax" }, `account ${address} already has ${pending} pending transactions; wait for some to commit`);
    }
    this.queue.set(hashHex, admitted);
    this.pendingPerAccount.set(address, pending + 1);
    this.totalBytes += bytes.length;
    return admitted;
  }

  private refuseDuplicate(hash: Uint8Array, hashHex: string): void {
    if (this.queue.has(hashHex) || this.dependencies.isCommitted(hash)) {
      throw new TxError({ code: "TX_DUPLICATE", hash: hashHex }, `transaction ${hashHex} was already submitted`);
    }
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
    const expiredAccounts = new Map<string, number>();
    for (const admitted of this.queue.values()) {
      const firstExpired = expiredAccounts.get(admitted.address);
      if (admitted.tx.expiry < nextHeight && firstExpired === undefined) expiredAccounts.set(admitted.address, admitted.tx.nonce);
    }
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
      if (nonce === undefined) committed.set(admitted.address, (nonce = this.dependencies.executor.committedNonce(admitted.address)));
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
