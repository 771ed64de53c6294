import { type KeyFileOptions, exportEncryptedKeyFile } from "@kexin/core";
import { invalidParameter } from "../errors.ts";
import { type Wallet, privateKeyOf } from "./wallet.ts";

export type ExportKeyFileOptions = KeyFileOptions;

/**
 * The wallet's key as an encrypted PKCS#8 PEM, readable by importKeyFile, `kexin` and
 * `openssl pkcs8`. Asynchronous for the same reason as importKeyFile.
 */
export async function exportKeyFile(wallet: Wallet, passphrase: string, options?: ExportKeyFileOptions): Promise<string> {
  if (typeof passphrase !== "string" || passphrase.length === 0) {
    throw invalidParameter("exportKeyFile", "passphrase", "must be a non-empty string; an unencrypted key file is never written");
  }
  return exportEncryptedKeyFile(wallet.suite, privateKeyOf(wallet), passphrase, options);
}
