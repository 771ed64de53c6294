import { getSuite, importEncryptedKeyFile } from "@kexin/core";
import { type Wallet, walletFromCheckedKey } from "./wallet.ts";

/**
 * Opens an encrypted PKCS#8 PEM key file. Rejects with CryptoError CRYPTO_BAD_PASSPHRASE or
 * CRYPTO_BAD_KEY_FILE. Asynchronous so a slower key derivation (WebCrypto, a worker) can replace
 * today's synchronous scrypt without changing callers.
 */
export async function importKeyFile(pem: string, passphrase: string): Promise<Wallet> {
  const { suite, privateKey } = importEncryptedKeyFile(pem, passphrase);
  return walletFromCheckedKey(getSuite(suite), privateKey);
}
