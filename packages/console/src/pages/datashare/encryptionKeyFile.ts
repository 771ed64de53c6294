import { type CryptoSuite, decodeEncryptionKeyText, encryptionPublicKeyOf, toHex } from "@kexin/core";

/** An encryption key file's text is one short line; anything much longer is some other file. */
const keyFileBytesMax = 4096;

export type EncryptionKeyFileResult =
  | { readonly ok: true; readonly privateKey: Uint8Array; readonly publicKey: string }
  | { readonly ok: false; readonly problem: { readonly kind: "bad"; readonly detail: string } | { readonly kind: "suite"; readonly keySuite: string } };

/** Reads a member's encryption key file (the one `kexin datashare key register` writes) here in the browser. */
export async function readEncryptionKeyFile(file: File, suite: CryptoSuite): Promise<EncryptionKeyFileResult> {
  if (file.size > keyFileBytesMax) return { ok: false, problem: { kind: "bad", detail: `${file.size} bytes` } };
  try {
    const decoded = decodeEncryptionKeyText(await file.text());
    if (decoded.suite !== suite.id) return { ok: false, problem: { kind: "suite", keySuite: decoded.suite } };
    return { ok: true, privateKey: decoded.privateKey, publicKey: toHex(encryptionPublicKeyOf(suite, decoded.privateKey)) };
  } catch (error) {
    return { ok: false, problem: { kind: "bad", detail: error instanceof Error ? error.message : String(error) } };
  }
}
