import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type CborValue, type CryptoSuite, addressOf, getSuite, importEncryptedKeyFile, signTx } from "@kexin/core";
import { BenchFailure } from "../errors.ts";
import { devAdminKeyPath, devPassphrase } from "./node.ts";

/** A signing account and the next nonce the bench will use for it. */
export interface Account {
  readonly privateKey: Uint8Array;
  readonly address: string;
  nextNonce: number;
}

export interface SignedForWire {
  /** Lower-case hex of the canonical CBOR, as POST /v1/txs/batch takes it. */
  readonly hex: string;
  /** Lower-case hex of the suite hash of those bytes, as block summaries list it. */
  readonly hash: string;
}

const toWireHex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");

/** Signs transactions for one chain: fixed chain id and expiry, each account's nonces used in sequence. */
export class TxSigner {
  constructor(
    readonly suite: CryptoSuite,
    readonly chainId: string,
    readonly expiry: number,
  ) {}

  sign(account: Account, module: string, type: string, payload: CborValue): SignedForWire {
    const nonce = account.nextNonce;
    const { bytes, hash } = signTx(this.suite, account.privateKey, { chainId: this.chainId, nonce, module, type, payload, expiry: this.expiry });
    account.nextNonce = nonce + 1;
    return { hex: toWireHex(bytes), hash: toWireHex(hash) };
  }

  newAccount(): Account {
    const privateKey = this.suite.generatePrivateKey();
    return { privateKey, address: addressOf(this.suite, this.suite.publicKeyOf(privateKey)), nextNonce: 0 };
  }
}

/**
 * Opens an organisation admin key that a dev home or a testnet folder holds (by default the
 * merchant's, keys/merchant-admin.key), checking that it belongs to the chain's suite.
 */
export async function loadDevAdmin(home: string, chainSuite: string, keyPath = devAdminKeyPath): Promise<{ suite: CryptoSuite; admin: Account }> {
  const pem = await readFile(join(home, keyPath), "utf8");
  const key = importEncryptedKeyFile(pem, devPassphrase);
  if (key.suite !== chainSuite) throw new BenchFailure(`the dev admin key is for suite "${key.suite}" but the chain uses "${chainSuite}"`);
  const suite = getSuite(key.suite);
  return { suite, admin: { privateKey: key.privateKey, address: addressOf(suite, key.publicKey), nextNonce: 0 } };
}
