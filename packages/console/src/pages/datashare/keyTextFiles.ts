import { type CryptoSuite, CryptoError, type SuiteId, decodeSubjectKeyText, encryptionKeyFileInfo, encryptionPublicKeyOf, importEncryptionKeyFile, toHex } from "@kexin/core";
import { nextFrame } from "../../components/nextFrame.ts";

/** A key file is a line naming the key, and for a protected encryption key a short encrypted PEM; anything much longer is some other file. */
const keyFileBytesMax = 4096;

type FileProblem = { readonly kind: "bad"; readonly detail: string } | { readonly kind: "suite"; readonly keySuite: string };
/** A protected key file's problem may also be a wrong passphrase. */
export type KeyFileProblem = FileProblem | { readonly kind: "passphrase" };

export type EncryptionKeyFileResult =
  | { readonly ok: true; readonly privateKey: Uint8Array; readonly publicKey: string }
  | { readonly ok: false; readonly problem: KeyFileProblem }
  /** A protected file, read and of the chain's suite, waiting for its passphrase (openEncryptionKeyText). */
  | { readonly ok: "locked"; readonly text: string };

export type SubjectKeyFileResult = { readonly ok: true; readonly subjectKey: Uint8Array } | { readonly ok: false; readonly problem: FileProblem };

function badFile(error: unknown): { readonly ok: false; readonly problem: FileProblem } {
  return { ok: false, problem: { kind: "bad", detail: error instanceof Error ? error.message : String(error) } };
}

/** Reads a key file's text here in the browser, refusing a file too large to be one. */
async function keyFileText(file: File): Promise<string | { readonly ok: false; readonly problem: FileProblem }> {
  if (file.size > keyFileBytesMax) return { ok: false, problem: { kind: "bad", detail: `${file.size} bytes` } };
  return file.text();
}

function suiteProblem(keySuite: SuiteId, suite: CryptoSuite): { readonly ok: false; readonly problem: FileProblem } | undefined {
  return keySuite === suite.id ? undefined : { ok: false, problem: { kind: "suite", keySuite } };
}

/**
 * Opens an encryption key file's text: a protected file with its passphrase (the same envelope
 * and code as signing key files), an older unprotected one as it is.
 */
export async function openEncryptionKeyText(text: string, passphrase: string | undefined, suite: CryptoSuite): Promise<EncryptionKeyFileResult> {
  try {
    // The key derivation (scrypt) holds the tab for a moment: let the page show it is busy first.
    if (passphrase !== undefined) await nextFrame();
    const opened = importEncryptionKeyFile(text, passphrase);
    return suiteProblem(opened.suite, suite) ?? { ok: true, privateKey: opened.privateKey, publicKey: toHex(encryptionPublicKeyOf(suite, opened.privateKey)) };
  } catch (error) {
    if (error instanceof CryptoError && error.type.code === "CRYPTO_BAD_PASSPHRASE") return { ok: false, problem: { kind: "passphrase" } };
    return badFile(error);
  }
}

/** Reads a member's encryption key file (the one `kexin datashare key register` writes): an unprotected one opens at once, a protected one waits for its passphrase. */
export async function readEncryptionKeyFile(file: File, suite: CryptoSuite): Promise<EncryptionKeyFileResult> {
  const text = await keyFileText(file);
  if (typeof text !== "string") return text;
  try {
    const info = encryptionKeyFileInfo(text);
    const wrongSuite = suiteProblem(info.suite, suite);
    if (wrongSuite !== undefined) return wrongSuite;
    return info.protected ? { ok: "locked", text } : await openEncryptionKeyText(text, undefined, suite);
  } catch (error) {
    return badFile(error);
  }
}

/** Reads an organisation's subject key file (the one `kexin datashare subject new-key` writes) and checks it is of the chain's suite. */
export async function readSubjectKeyFile(file: File, suite: CryptoSuite): Promise<SubjectKeyFileResult> {
  const text = await keyFileText(file);
  if (typeof text !== "string") return text;
  try {
    const decoded = decodeSubjectKeyText(text);
    return suiteProblem(decoded.suite, suite) ?? { ok: true, subjectKey: decoded.subjectKey };
  } catch (error) {
    return badFile(error);
  }
}
