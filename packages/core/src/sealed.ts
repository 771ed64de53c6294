import { fromHex, isHex, toHex } from "./bytes.ts";
import { decodeCanonical, encodeCanonical } from "./codec.ts";
import { getSuite } from "./crypto/index.ts";
import type { CryptoSuite, SuiteId } from "./crypto/suite.ts";
import { sealNonceBytes, sealTagBytes } from "./crypto/suite-factory.ts";
import { CryptoError, KexinError } from "./errors.ts";

/**
 * A sealed envelope (kexin-sealed/1): content encrypted on the client under the chain suite's AEAD
 * with a key only the submitter holds (an evidence file, a shared record), as the canonical CBOR map
 * `{ format: "kexin-sealed/1", cipher, nonce, ciphertext }` where `cipher` is "aes-256-gcm"
 * (intl) or "sm4-gcm" (gm), `nonce` the 12 random bytes and `ciphertext` the encrypted file
 * followed by its 16-byte tag. The associated data is the canonical CBOR of
 * `["kexin-sealed/1", cipher]`, so an envelope cannot be passed off under another format or
 * cipher. The chain records the suite hash of the envelope's bytes and its size (an evidence
 * anchor also the media type sealedMediaType); a node's blob store keeps the envelope under that hash.
 */
export const sealedFormat = "kexin-sealed/1";

/** The media type an anchor of a sealed envelope records, so readers know to open it before use. */
export const sealedMediaType = "application/vnd.kexin.sealed+cbor";

export type SealedCipher = "aes-256-gcm" | "sm4-gcm";

const cipherOfSuite: Readonly<Record<SuiteId, SealedCipher>> = { intl: "aes-256-gcm", gm: "sm4-gcm" };
const suiteOfCipher: Readonly<Record<SealedCipher, SuiteId>> = { "aes-256-gcm": "intl", "sm4-gcm": "gm" };

/** The printable form of a seal key: `kexin-sealed-key:<cipher>:<key as lower-case hex>`. */
const sealKeyTextPrefix = "kexin-sealed-key:";

/** Bytes an envelope adds to its file: the CBOR map's keys and headers, the nonce and the tag. */
export const sealedEnvelopeOverheadBytesMax = 96;

export interface SealedEnvelope {
  readonly format: typeof sealedFormat;
  readonly cipher: SealedCipher;
  readonly nonce: Uint8Array;
  /** The encrypted file followed by the 16-byte tag. */
  readonly ciphertext: Uint8Array;
}

export type SealedErrorType =
  | { code: "SEALED_MALFORMED"; reason: string }
  | { code: "SEALED_BAD_KEY"; reason: string }
  | { code: "SEALED_ALTERED"; expectedHash: string; actualHash: string }
  | { code: "SEALED_OPEN_FAILED"; cipher: SealedCipher };
export class SealedError extends KexinError<SealedErrorType> {}

function malformed(reason: string): SealedError {
  return new SealedError({ code: "SEALED_MALFORMED", reason }, `not a ${sealedFormat} sealed envelope: ${reason}`);
}

export function sealedCipherOf(suite: SuiteId): SealedCipher {
  return cipherOfSuite[suite];
}

export function suiteOfSealedCipher(cipher: SealedCipher): CryptoSuite {
  return getSuite(suiteOfCipher[cipher]);
}

function isSealedCipher(value: unknown): value is SealedCipher {
  return value === "aes-256-gcm" || value === "sm4-gcm";
}

function associatedData(cipher: SealedCipher): Uint8Array {
  return encodeCanonical([sealedFormat, cipher]);
}

/**
 * Seals `content` under the suite's AEAD with `key` (default: a fresh random key of the suite's
 * size) and returns the envelope's canonical bytes and the key. The same content sealed twice
 * gives different envelopes, since every seal draws a fresh nonce.
 */
export function sealContent(suite: CryptoSuite, content: Uint8Array, key: Uint8Array = suite.randomBytes(suite.sealKeyBytes)): { readonly envelope: Uint8Array; readonly key: Uint8Array } {
  if (!(content instanceof Uint8Array)) throw malformed("the content to seal must be bytes (a Uint8Array)");
  const cipher = sealedCipherOf(suite.id);
  requireKeyFor(cipher, key);
  const sealed = suite.seal(key, content, associatedData(cipher));
  const envelope: SealedEnvelope = { format: sealedFormat, cipher, nonce: sealed.subarray(0, sealNonceBytes), ciphertext: sealed.subarray(sealNonceBytes) };
  return { envelope: encodeCanonical(envelope), key };
}

/**
 * Parses an envelope's bytes, which must be the canonical encoding (so an envelope has exactly
 * one byte string, hence one hash) of a map with exactly the four fields. Throws SealedError
 * SEALED_MALFORMED naming what is wrong.
 */
export function decodeSealedEnvelope(bytes: Uint8Array, sizeBytesMax = Number.MAX_SAFE_INTEGER): SealedEnvelope {
  if (!(bytes instanceof Uint8Array)) throw malformed("an envelope must be bytes (a Uint8Array)");
  let value: unknown;
  try {
    value = decodeCanonical(bytes, sizeBytesMax);
  } catch (error) {
    throw malformed(error instanceof Error ? error.message : String(error));
  }
  if (value === null || typeof value !== "object" || Array.isArray(value) || value instanceof Uint8Array) throw malformed("it is not a CBOR map");
  const map = value as Record<string, unknown>;
  const keys = Object.keys(map).sort();
  if (keys.join(",") !== "cipher,ciphertext,format,nonce") throw malformed(`its fields are ${keys.join(", ") || "none"}; expected cipher, ciphertext, format and nonce`);
  if (map.format !== sealedFormat) throw malformed(`its format is ${JSON.stringify(map.format)}; this program reads "${sealedFormat}"`);
  if (!isSealedCipher(map.cipher)) throw malformed(`its cipher ${JSON.stringify(map.cipher)} is not "aes-256-gcm" or "sm4-gcm"`);
  if (!(map.nonce instanceof Uint8Array) || map.nonce.length !== sealNonceBytes) throw malformed(`its nonce must be ${sealNonceBytes} bytes`);
  if (!(map.ciphertext instanceof Uint8Array) || map.ciphertext.length < sealTagBytes) throw malformed(`its ciphertext must hold at least the ${sealTagBytes}-byte tag`);
  return { format: sealedFormat, cipher: map.cipher, nonce: map.nonce, ciphertext: map.ciphertext };
}

function requireKeyFor(cipher: SealedCipher, key: unknown): asserts key is Uint8Array {
  const bytes = suiteOfSealedCipher(cipher).sealKeyBytes;
  if (!(key instanceof Uint8Array) || key.length !== bytes) {
    const reason = `a ${cipher} key is ${bytes} bytes${key instanceof Uint8Array ? `, this one is ${key.length}` : ""}`;
    throw new SealedError({ code: "SEALED_BAD_KEY", reason }, `wrong kind of key: ${reason}`);
  }
}

/**
 * Opens an envelope with its key and returns the file. With `expectedHash` (the anchored hash,
 * 64 hex digits) an envelope whose hash differs fails SEALED_ALTERED before any decryption, so
 * the two failures are told apart: a changed envelope, or a key that is not the one it was
 * sealed with (SEALED_OPEN_FAILED; without expectedHash it may also be a changed byte).
 */
export function openSealedEnvelope(bytes: Uint8Array, key: Uint8Array, options: { readonly expectedHash?: string } = {}): Uint8Array {
  const { expectedHash } = options;
  const altered = (suite: CryptoSuite): SealedError => {
    const actualHash = toHex(suite.hash(bytes));
    return new SealedError(
      { code: "SEALED_ALTERED", expectedHash: expectedHash ?? "", actualHash },
      `the sealed envelope was altered: its ${suite.hashName} is ${actualHash}, not the anchored ${expectedHash ?? ""}`,
    );
  };
  let envelope: SealedEnvelope;
  try {
    envelope = decodeSealedEnvelope(bytes);
  } catch (error) {
    // A change to the envelope's structure makes it unreadable: with the anchored hash that is an alteration.
    if (expectedHash === undefined || !(error instanceof SealedError)) throw error;
    const candidates = [getSuite("intl"), getSuite("gm")];
    if (candidates.some((suite) => toHex(suite.hash(bytes)) === expectedHash.toLowerCase())) throw error;
    throw altered(candidates[0] as CryptoSuite);
  }
  const suite = suiteOfSealedCipher(envelope.cipher);
  if (expectedHash !== undefined && toHex(suite.hash(bytes)) !== expectedHash.toLowerCase()) throw altered(suite);
  requireKeyFor(envelope.cipher, key);
  const sealed = new Uint8Array(envelope.nonce.length + envelope.ciphertext.length);
  sealed.set(envelope.nonce, 0);
  sealed.set(envelope.ciphertext, envelope.nonce.length);
  try {
    return suite.open(key, sealed, associatedData(envelope.cipher));
  } catch (error) {
    if (!(error instanceof CryptoError) || error.code !== "CRYPTO_OPEN_FAILED") throw error;
    throw new SealedError(
      { code: "SEALED_OPEN_FAILED", cipher: envelope.cipher },
      expectedHash === undefined
        ? `the sealed envelope does not open (${envelope.cipher}): wrong key, or the envelope was altered`
        : `the sealed envelope does not open (${envelope.cipher}): this is not the key it was sealed with`,
    );
  }
}

/** A seal key as text to keep, e.g. `kexin-sealed-key:aes-256-gcm:9f86…` (the cipher says which suite it belongs to). */
export function encodeSealKey(cipher: SealedCipher, key: Uint8Array): string {
  requireKeyFor(cipher, key);
  return `${sealKeyTextPrefix}${cipher}:${toHex(key)}`;
}

/** Reads a key written by encodeSealKey (surrounding white space ignored); throws SEALED_BAD_KEY saying what is wrong. */
export function decodeSealKey(text: string): { readonly cipher: SealedCipher; readonly key: Uint8Array } {
  const bad = (reason: string): SealedError => new SealedError({ code: "SEALED_BAD_KEY", reason }, `not a seal key: ${reason}`);
  if (typeof text !== "string") throw bad("a seal key is text");
  const trimmed = text.trim();
  if (!trimmed.startsWith(sealKeyTextPrefix)) throw bad(`a seal key starts with "${sealKeyTextPrefix}"`);
  const [cipher, hex, ...rest] = trimmed.slice(sealKeyTextPrefix.length).split(":");
  if (rest.length > 0 || !isSealedCipher(cipher)) throw bad(`expected ${sealKeyTextPrefix}<aes-256-gcm or sm4-gcm>:<hex>`);
  const bytes = suiteOfSealedCipher(cipher).sealKeyBytes;
  if (!isHex(hex, bytes)) throw bad(`a ${cipher} key is ${bytes * 2} hex digits`);
  return { cipher, key: fromHex(hex.toLowerCase()) };
}
