import type { CryptoSuite, SuiteId } from "@kexin/core";
import { type Wallet, resolveSuite, walletFromCheckedKey } from "./wallet.ts";

/** A wallet with a fresh random key of the chain's suite ("intl" or "gm"). */
export function createWallet(suite: CryptoSuite | SuiteId): Wallet {
  const resolved = resolveSuite(suite);
  return walletFromCheckedKey(resolved, resolved.generatePrivateKey());
}
