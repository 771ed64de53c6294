import { type CryptoSuite, type SuiteId, decodeEncryptionKeyText, decodeSubjectKeyText, encryptionPublicKeyOf, toHex } from "@kexin/core";

/** A key file's text is one short line; anything much longer is some other file. */
const keyFileBytesMax = 4096;

export type KeyFileProblem = { readonly kind: "bad"; readonly detail: string } | { readonly kind: "suite"; readonly keySuite: string };

export type EncryptionKeyFileResult = { readonly ok: true; readonly privateKey: Uint8Array; readonly publicKey: string } | { readonly ok: false; readonly problem: KeyFileProblem };

export type SubjectKeyFileResult = { readonly ok: true; readonly subjectKey: Uint8Array } | { readonly ok: false; readonly problem: KeyFileProblem };

/** Reads a one-line key file here in the browser and checks it is of the chain's suite. */
async function readKeyTextFile<T>(file: File, suite: CryptoSuite, decode: (text: string) => { readonly suite: SuiteId } & T): Promise<({ readonly ok: true } & T) | { readonly ok: false; readonly problem: KeyFileProblem }> {
  if (file.size > keyFileBytesMax) return { ok: false, problem: { kind: "bad", detail: `${file.size} bytes` } };
  try {
    const decoded = decode(await file.text());
    if (decoded.suite !== suite.id) return { ok: false, problem: { kind: "suite", keySuite: decoded.suite } };
    return { ...decoded, ok: true };
  } catch (error) {
    return { ok: false, problem: { kind: "bad", detail: error instanceof Error ? error.message : String(error) } };
  }
}

/** Reads a member's encryption key file (the one `kexin datashare key register` writes). */
export async function readEncryptionKeyFile(file: File, suite: CryptoSuite): Promise<EncryptionKeyFileResult> {
  const read = await readKeyTextFile(file, suite, decodeEncryptionKeyText);
  return read.ok ? { ok: true, privateKey: read.privateKey, publicKey: toHex(encryptionPublicKeyOf(suite, read.privateKey)) } : read;
}

/** Reads an organisation's subject key file (the one `kexin datashare subject new-key` writes). */
export async function readSubjectKeyFile(file: File, suite: CryptoSuite): Promise<SubjectKeyFileResult> {
  const read = await readKeyTextFile(file, suite, decodeSubjectKeyText);
  return read.ok ? { ok: true, subjectKey: read.subjectKey } : read;
}
