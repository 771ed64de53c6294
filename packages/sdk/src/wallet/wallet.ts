import { type CryptoSuite, type SignedTx, type SuiteId, type TxBody, addressOf, getSuite, signTx } from "@kexin/core";

export interface SignedTransaction {
  readonly tx: SignedTx;
  /** Canonical CBOR, what the node accepts. */
  readonly bytes: Uint8Array;
  readonly hash: Uint8Array;
}

/** A key pair of one crypto suite that signs transaction bodies. The private key is not a property, so logging a wallet cannot leak it. */
export interface Wallet {
  readonly suite: CryptoSuite;
  readonly publicKey: Uint8Array;
  /** 40 lower-case hex digits, derived from the public key with the suite's hash. */
  readonly address: string;
  signTx(body: Omit<TxBody, "signer">): SignedTransaction;
}

const privateKeys = new WeakMap<Wallet, Uint8Array>();

export function resolveSuite(suite: CryptoSuite | SuiteId): CryptoSuite {
  return typeof suite === "string" ? getSuite(suite) : suite;
}

/** Builds a wallet around a private key the caller has already checked. */
export function walletFromCheckedKey(suite: CryptoSuite, privateKey: Uint8Array): Wallet {
  const key = privateKey.slice();
  const publicKey = suite.publicKeyOf(key);
  const wallet: Wallet = Object.freeze({
    suite,
    publicKey,
    address: addressOf(suite, publicKey),
    signTx: (body: Omit<TxBody, "signer">) => signTx(suite, key, body),
  });
  privateKeys.set(wallet, key);
  return wallet;
}

/** The wallet's private key, for key-file export only; never part of the wallet's public surface. */
export function privateKeyOf(wallet: Wallet): Uint8Array {
  const key = privateKeys.get(wallet);
  if (key === undefined) throw new TypeError("not a wallet made by createWallet, walletFromPrivateKey or importKeyFile");
  return key;
}
