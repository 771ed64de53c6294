import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { sm3 } from "sm-crypto-v2";
import { toHex, utf8 } from "../bytes.ts";
import type { CryptoSuite } from "../crypto/suite.ts";
import { datashareError } from "./errors.ts";

/** Separates subject references from every other use of the organisation's key. */
const subjectReferenceLabel = "kexin-datashare-subject/1\u0000";
export const subjectKeyBytesMin = 16;

/**
 * The reference a record carries on chain instead of the person it is about: HMAC (HMAC-SHA-256
 * on intl, HMAC-SM3 on gm) of the subject's identifier under a key only the owning organisation
 * holds. A plain hash of an 18-digit ID number can be reversed by trying every number (about
 * 10^10 candidates once the birth date and region are guessed); without the key every guess needs
 * the organisation. The identifier is trimmed and upper-cased, so the check letter X matches x.
 * Returns 64 hex digits.
 */
export function datashareSubjectReference(suite: CryptoSuite, organisationKey: Uint8Array, subject: string): string {
  if (!(organisationKey instanceof Uint8Array) || organisationKey.length < subjectKeyBytesMin) {
    throw datashareError("DATASHARE_RECORD_INVALID", `a subject key is at least ${subjectKeyBytesMin} random bytes`);
  }
  const normalised = typeof subject === "string" ? subject.trim().toUpperCase() : "";
  if (normalised.length === 0 || normalised.length > 256) throw datashareError("DATASHARE_RECORD_INVALID", "a subject is a non-empty identifier of at most 256 characters");
  const message = utf8(subjectReferenceLabel + normalised);
  if (suite.id === "gm") return sm3(message, { key: organisationKey, mode: "hmac" });
  return toHex(hmac(sha256, organisationKey, message));
}

/** A fresh subject key for an organisation to keep (32 random bytes). */
export function generateSubjectKey(suite: CryptoSuite): Uint8Array {
  return suite.randomBytes(32);
}
