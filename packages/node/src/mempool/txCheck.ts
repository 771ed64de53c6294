import { type CryptoSuite, type SignedTx, decodeSignedTx, protocolLimits, toHex, txSigningBytesOfEncoded } from "@kexin/core";
import type { ModuleRegistry, ResolvedTxType } from "../execution/index.ts";
import { TxError, duplicateTxError } from "./errors.ts";

/** What checking a transaction needs from the chain: nothing that changes from block to block. */
export interface TxCheckContext {
  readonly suite: CryptoSuite;
  readonly chainId: string;
  readonly registry: ModuleRegistry;
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
 * The rules a caller's context adds. Admission and block validation pass different ones (the
 * mempool's next nonce counts pending transactions; a block's counts those earlier in the block),
 * but every rule is written once, here.
 */
export interface TxCheckRules {
  /** The transaction's hash, when the caller computed it already. */
  readonly known?: { readonly hash: Uint8Array; readonly hashHex: string } | undefined;
  /** Height of the block that would include it; an expired transaction is refused. Absent: expiry is not checked. */
  readonly includedAt?: number;
  /** Whether the transaction is held or committed already; absent: duplicates are not checked. */
  readonly isDuplicate?: (hash: Uint8Array, hashHex: string) => boolean;
  /** Verifies the signature on this thread; otherwise the caller verifies signingBytes itself (off-thread). */
  readonly verifySignature?: boolean;
  /** The nonce the signer's next transaction must carry; absent: nonces are not checked. Needs verifySignature. */
  readonly expectedNonce?: { readonly addressOf: (signer: Uint8Array) => string; readonly of: (address: string) => number };
}

/**
 * Checks a transaction as admission and block validation both do: size, encoding, chain, expiry,
 * duplicates, module/type/payload, signer key, and (when asked) signature and nonce. Throws the
 * first refusal as a typed error.
 */
export function checkTx(context: TxCheckContext, bytes: Uint8Array, rules: TxCheckRules = {}): PrecheckedTx {
  const { suite, chainId, registry } = context;
  if (bytes.length > protocolLimits.txBytesMax) {
    throw new TxError({ code: "TX_TOO_LARGE", sizeBytes: bytes.length, sizeBytesMax: protocolLimits.txBytesMax }, `transaction is ${bytes.length} bytes; the limit is ${protocolLimits.txBytesMax}`);
  }
  const tx = decodeSignedTx(bytes);
  if (tx.chainId !== chainId) {
    throw new TxError({ code: "TX_WRONG_CHAIN", expected: chainId, got: tx.chainId }, `transaction is for chain "${tx.chainId}", this is "${chainId}"`);
  }
  if (rules.includedAt !== undefined) checkTxExpiry(tx, rules.includedAt);
  const { hash, hashHex } = rules.known ?? hashOfTx(suite, bytes);
  if (rules.isDuplicate?.(hash, hashHex)) throw duplicateTxError(hashHex);
  const resolved = registry.resolveTx(tx.module, tx.type, tx.payload);
  if (tx.signer.length !== suite.publicKeyBytes) {
    throw new TxError({ code: "TX_BAD_SIGNATURE", signer: toHex(tx.signer) }, `signer must be a ${suite.publicKeyBytes}-byte ${suite.id} public key`);
  }
  const prechecked: PrecheckedTx = { tx, bytes, hash, hashHex, resolved, signingBytes: txSigningBytesOfEncoded(tx, bytes) };
  if (rules.verifySignature) checkTxSignature(tx, suite.verify(tx.signer, prechecked.signingBytes, tx.signature));
  if (rules.expectedNonce) {
    const address = rules.expectedNonce.addressOf(tx.signer);
    checkTxNonce(tx, address, rules.expectedNonce.of(address));
  }
  return prechecked;
}

export function hashOfTx(suite: CryptoSuite, bytes: Uint8Array): { hash: Uint8Array; hashHex: string } {
  const hash = suite.hash(bytes);
  return { hash, hashHex: toHex(hash) };
}

/** A transaction may go in a block up to and including its expiry height. */
export function checkTxExpiry(tx: SignedTx, includedAt: number): void {
  if (tx.expiry < includedAt) {
    throw new TxError({ code: "TX_EXPIRED", expiry: tx.expiry, height: includedAt - 1 }, `transaction expired at height ${tx.expiry}; the chain is at ${includedAt - 1}`);
  }
}

/** The verdict of a signature check made here or off-thread. */
export function checkTxSignature(tx: SignedTx, signatureValid: boolean): void {
  if (!signatureValid) throw new TxError({ code: "TX_BAD_SIGNATURE", signer: toHex(tx.signer) }, "transaction signature does not match its signer and contents");
}

/** Each account's nonces are used one after another, without gaps; `committed`, when known, says who used a nonce. */
export function checkTxNonce(tx: SignedTx, address: string, expected: number, committed?: number): void {
  if (tx.nonce < expected) {
    const by = committed === undefined ? "" : tx.nonce < committed ? " by a committed transaction" : " by a pending transaction";
    throw new TxError({ code: "TX_NONCE_USED", expected, got: tx.nonce }, `nonce ${tx.nonce} of ${address} is already used${by}; the next is ${expected}`);
  }
  if (tx.nonce > expected) {
    throw new TxError({ code: "TX_NONCE_GAP", expected, got: tx.nonce }, `nonce ${tx.nonce} of ${address} leaves a gap; the next is ${expected}`);
  }
}
