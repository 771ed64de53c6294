import { fromHex, isHex, toHex } from "../bytes.ts";
import { type SuiteId, suiteIds } from "../crypto/suite.ts";
import { datashareError } from "./errors.ts";

/*
 * The text files people keep a member's encryption private key and an organisation's subject key
 * in: one line naming what it is and the suite, so the CLI and the console read the same file and
 * a key of the wrong kind or suite is refused by name instead of failing to decrypt.
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

/** A member's encryption private key as the text of its key file. */
export function encodeEncryptionKeyText(suite: SuiteId, privateKey: Uint8Array): string {
  return encodeKeyText(encryptionKeyPrefix, suite, privateKey);
}

/** Reads an encryption key file's text; DATASHARE_KEY_FILE_INVALID when it is something else. */
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
