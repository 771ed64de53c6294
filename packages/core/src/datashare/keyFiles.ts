import { bytesEqual, fromHex, isHex, toHex } from "../bytes.ts";
import { type CryptoSuite, getSuite } from "../crypto/index.ts";
import { type SuiteId, suiteIds } from "../crypto/suite.ts";
import { type KeyFileOptions, type PrivateKeyAlgorithm, encodeAlgorithmPrivateKeyInfo, exportEncryptedPrivateKeyInfo, importEncryptedPrivateKeyInfo } from "../keyfile.ts";
import { datashareError } from "./errors.ts";
import { encryptionPublicKeyOf } from "./keyWrap.ts";

/*
 * The text files people keep a member's encryption private key and an organisation's subject key
 * in, each starting with a line naming what it is and the suite, so the CLI and the console read
 * the same file and a key of the wrong kind or suite is refused by name instead of failing to
 * decrypt.
 *
 * An encryption key file is that line followed by the key as an encrypted PKCS#8 PEM, the envelope
 * and passphrase protection of signing key files (keyfile.ts): X25519 (RFC 8410) on intl, SM2 on
 * gm. OpenSSL ignores the line before the PEM, so `openssl pkcs8` reads the file too. Files written
 * before encryption keys were protected hold the key in the clear on the line itself
 * (`kexin-encryption-key:<suite>:<hex>`); they are still read.
 */

const encryptionKeyPrefix = "kexin-encryption-key";
const subjectKeyPrefix = "kexin-subject-key";

function encodeKeyText(prefix: string, suite: SuiteId, key: Uint8Array): string {
  return `${prefix}:${suite}:${toHex(key)}`;
}

function decodeKeyText(prefix: string, text: string, what: string): { readonly suite: SuiteId; readonly key: Uint8Array } {
  const [label, suite, hex, ...rest] = text.trim().split(":");
  if (label !== prefix || rest.length > 0 || !suiteIds.includes(suite as SuiteId) || !isHex(hex) || hex.length === 0) {
    throw datashareError("DATASHARE_KEY_FILE_INVALID", `not a ${what} file: expected one line "${prefix}:<intl|gm>:<hex>"`);
  }
  return { suite: suite as SuiteId, key: fromHex(hex.toLowerCase()) };
}

/** A member's encryption private key as the text of an unprotected key file, the older form still read; new files are written by exportEncryptionKeyFile. */
export function encodeEncryptionKeyText(suite: SuiteId, privateKey: Uint8Array): string {
  return encodeKeyText(encryptionKeyPrefix, suite, privateKey);
}

/** Reads an unprotected encryption key file's text; DATASHARE_KEY_FILE_INVALID when it is something else. */
export function decodeEncryptionKeyText(text: string): { readonly suite: SuiteId; readonly privateKey: Uint8Array } {
  const { suite, key } = decodeKeyText(encryptionKeyPrefix, text, "encryption key");
  return { suite, privateKey: key };
}

/** An organisation's subject key (generateSubjectKey) as the text of its key file. */
export function encodeSubjectKeyText(suite: SuiteId, subjectKey: Uint8Array): string {
  return encodeKeyText(subjectKeyPrefix, suite, subjectKey);
}

/** Reads a subject key file's text; DATASHARE_KEY_FILE_INVALID when it is something else. */
export function decodeSubjectKeyText(text: string): { readonly suite: SuiteId; readonly subjectKey: Uint8Array } {
  const { suite, key } = decodeKeyText(subjectKeyPrefix, text, "subject key");
  return { suite, subjectKey: key };
}

const encryptionKeyAlgorithms: Readonly<Record<SuiteId, PrivateKeyAlgorithm>> = { intl: "x25519", gm: "sm2" };

/**
 * A member's encryption private key as the text of its key file, protected by a passphrase as
 * signing key files are. DATASHARE_ENCRYPTION_KEY_INVALID when the key is not one of the suite.
 */
export function exportEncryptionKeyFile(suite: CryptoSuite, privateKey: Uint8Array, passphrase: string, options?: KeyFileOptions): string {
  if (typeof passphrase !== "string" || passphrase.length === 0) throw datashareError("DATASHARE_KEY_FILE_INVALID", "an encryption key file is never written without a passphrase");
  const privateKeyInfo = encodeAlgorithmPrivateKeyInfo(encryptionKeyAlgorithms[suite.id], privateKey, encryptionPublicKeyOf(suite, privateKey));
  return `${encryptionKeyPrefix}:${suite.id}\n${exportEncryptedPrivateKeyInfo(privateKeyInfo, passphrase, (length) => suite.randomBytes(length), options)}`;
}

/** What an encryption key file's first line says, read without its passphrase: the suite, and whether the key is protected. */
export function encryptionKeyFileInfo(text: string): { readonly suite: SuiteId; readonly protected: boolean } {
  const [first = ""] = text.trimStart().split("\n", 1);
  const [label, suite, ...rest] = first.trim().split(":");
  if (label !== encryptionKeyPrefix || !suiteIds.includes(suite as SuiteId) || rest.length > 1) {
    throw datashareError("DATASHARE_KEY_FILE_INVALID", `not an encryption key file: expected a first line "${encryptionKeyPrefix}:<intl|gm>" (kexin datashare key register writes it)`);
  }
  return { suite: suite as SuiteId, protected: rest.length === 0 };
}

/**
 * A member's encryption private key from its key file: opened with the passphrase, or, for a file
 * of the older unprotected form, read as it is. DATASHARE_KEY_FILE_INVALID for another kind of
 * file or key; CryptoError CRYPTO_BAD_PASSPHRASE for a wrong passphrase.
 */
export function importEncryptionKeyFile(text: string, passphrase: string | undefined): { readonly suite: SuiteId; readonly privateKey: Uint8Array } {
  const info = encryptionKeyFileInfo(text);
  if (!info.protected) return decodeEncryptionKeyText(text);
  if (passphrase === undefined) throw datashareError("DATASHARE_KEY_FILE_INVALID", "the encryption key file is protected by a passphrase; give it");
  const decoded = importEncryptedPrivateKeyInfo(text, passphrase);
  if (decoded.algorithm !== encryptionKeyAlgorithms[info.suite] || decoded.suite !== info.suite) {
    throw datashareError("DATASHARE_KEY_FILE_INVALID", `the file says ${info.suite} but holds an ${decoded.algorithm} key, not an encryption key of that suite`);
  }
  if (decoded.publicKey !== undefined && !bytesEqual(decoded.publicKey, encryptionPublicKeyOf(getSuite(info.suite), decoded.privateKey))) {
    throw datashareError("DATASHARE_KEY_FILE_INVALID", "the public key in the encryption key file does not belong to its private key");
  }
  return { suite: info.suite, privateKey: decoded.privateKey };
}
