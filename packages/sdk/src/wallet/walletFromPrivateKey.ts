import { type CryptoSuite, type SuiteId, fromHex, isHex } from "@kexin/core";
import { invalidParameter } from "../errors.ts";
import { type Wallet, resolveSuite, walletFromCheckedKey } from "./wallet.ts";

/** Private keys of both suites are 32 bytes: an Ed25519 seed or an SM2 scalar. */
const privateKeyBytes = 32;

export function walletFromPrivateKey(suite: CryptoSuite | SuiteId, privateKey: Uint8Array | string): Wallet {
  if (typeof privateKey === "string" && !isHex(privateKey, privateKeyBytes)) {
    throw invalidParameter("walletFromPrivateKey", "privateKey", `must be ${privateKeyBytes} bytes as ${privateKeyBytes * 2} hex digits`);
  }
  const key = typeof privateKey === "string" ? fromHex(privateKey) : privateKey;
  if (!(key instanceof Uint8Array) || key.length !== privateKeyBytes) {
    throw invalidParameter("walletFromPrivateKey", "privateKey", `must be ${privateKeyBytes} bytes`);
  }
  return walletFromCheckedKey(resolveSuite(suite), key);
}
