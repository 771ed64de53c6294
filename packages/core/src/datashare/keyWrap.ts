import { sm2 } from "sm-crypto-v2";
import { bytesEqual, concatBytes, fromHex, toHex } from "../bytes.ts";
import { decodeCanonical, encodeCanonical } from "../codec.ts";
import { generateSm2PrivateKey, sm2PrivateScalar, sm2PublicKeyOfScalar } from "../crypto/sm2.ts";
import type { HpkeX25519 } from "../crypto/backend.ts";
import type { CryptoSuite } from "../crypto/suite.ts";
import { datashareError } from "./errors.ts";
import type { EncryptionKeyAlgorithm } from "./records.ts";

/**
 * A data key wrapped to one recipient's encryption key (kexin-wrapped-key/1), the canonical CBOR
 * map `{ format, scheme, enc, ciphertext }`:
 * - `hpke-x25519`: HPKE base mode (RFC 9180) with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and
 *   AES-256-GCM; `enc` is the encapsulated key and the context is HPKE's `info`.
 * - `sm2`: SM2 public-key encryption (GB/T 32918.4, C1‖C3‖C2) of the bytes
 *   `context hash ‖ data key`; `enc` is empty. SM2 encryption takes no associated data, so the
 *   context travels inside and is checked on opening.
 * The context names what the key is released for (the access transaction and the record), so a
 * wrapped key cannot be passed off as another record's. HPKE runs on the suite's backend: OpenSSL
 * under Node, @hpke/core in browsers; both produce and open the same messages.
 */
export const wrappedKeyFormat = "kexin-wrapped-key/1";
export type WrapScheme = "hpke-x25519" | "sm2";

function hpkeOf(suite: CryptoSuite): HpkeX25519 {
  if (suite.hpkeX25519 === undefined) throw new Error(`the ${suite.id} suite has no HPKE over X25519`);
  return suite.hpkeX25519;
}

export function encryptionKeyAlgorithmOf(suite: CryptoSuite): EncryptionKeyAlgorithm {
  return suite.id === "gm" ? "sm2" : "x25519";
}

function schemeOf(suite: CryptoSuite): WrapScheme {
  return suite.id === "gm" ? "sm2" : "hpke-x25519";
}

export interface EncryptionKeyPair {
  readonly privateKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

/** The public half of an encryption private key: X25519 (RFC 7748) on intl, the SM2 point on gm. */
export function encryptionPublicKeyOf(suite: CryptoSuite, privateKey: Uint8Array): Uint8Array {
  if (suite.id === "gm") return sm2PublicKeyOfScalar(sm2PrivateScalar(privateKey));
  if (!(privateKey instanceof Uint8Array) || privateKey.length !== 32) throw datashareError("DATASHARE_ENCRYPTION_KEY_INVALID", "an X25519 private key is 32 bytes");
  return hpkeOf(suite).publicKeyOf(privateKey);
}

/** A fresh encryption key pair of the chain's suite, kept apart from the signing key. */
export function generateEncryptionKeyPair(suite: CryptoSuite): EncryptionKeyPair {
  const privateKey = suite.id === "gm" ? generateSm2PrivateKey((length) => suite.randomBytes(length)) : suite.randomBytes(32);
  return { privateKey, publicKey: encryptionPublicKeyOf(suite, privateKey) };
}

/** Why a public key is not an encryption key of the suite, or undefined when it is one. */
export function encryptionKeyProblem(suite: CryptoSuite, publicKey: Uint8Array): string | undefined {
  if (suite.id === "gm") {
    if (publicKey.length !== 65 || publicKey[0] !== 4) return "an SM2 encryption key is the 65-byte uncompressed point (04 ‖ x ‖ y)";
    // verifyPublicKey throws, rather than answers false, for some points off the curve.
    let onCurve: boolean;
    try {
      onCurve = sm2.verifyPublicKey(toHex(publicKey));
    } catch {
      onCurve = false;
    }
    return onCurve ? undefined : "the SM2 key is not a point of the curve";
  }
  if (publicKey.length !== 32) return "an X25519 encryption key is 32 bytes";
  return publicKey.every((byte) => byte === 0) ? "the X25519 key is the all-zero point" : undefined;
}

/** Wraps `dataKey` to `recipientPublicKey` for `context`; a fresh encapsulation every time. */
export async function wrapDataKey(suite: CryptoSuite, recipientPublicKey: Uint8Array, dataKey: Uint8Array, context: Uint8Array): Promise<Uint8Array> {
  const problem = encryptionKeyProblem(suite, recipientPublicKey);
  if (problem !== undefined) throw datashareError("DATASHARE_ENCRYPTION_KEY_INVALID", problem);
  const scheme = schemeOf(suite);
  if (scheme === "sm2") {
    const plaintext = concatBytes(suite.hash(context), dataKey);
    const ciphertext = fromHex(sm2.doEncrypt(plaintext, toHex(recipientPublicKey), 1));
    return encodeCanonical({ format: wrappedKeyFormat, scheme, enc: new Uint8Array(0), ciphertext });
  }
  const { enc, ciphertext } = await hpkeOf(suite).seal(recipientPublicKey, context, dataKey);
  return encodeCanonical({ format: wrappedKeyFormat, scheme, enc, ciphertext });
}

function invalid(reason: string): never {
  throw datashareError("DATASHARE_WRAPPED_KEY_INVALID", `the wrapped key does not open: ${reason}`);
}

/** Opens a wrapped key with the recipient's private key; DATASHARE_WRAPPED_KEY_INVALID when it is not for this key or this context. */
export async function unwrapDataKey(suite: CryptoSuite, privateKey: Uint8Array, wrapped: Uint8Array, context: Uint8Array): Promise<Uint8Array> {
  let value: unknown;
  try {
    value = decodeCanonical(wrapped);
  } catch (error) {
    invalid(error instanceof Error ? error.message : String(error));
  }
  const map = value as { format?: unknown; scheme?: unknown; enc?: unknown; ciphertext?: unknown } | null;
  if (map === null || typeof map !== "object" || map.format !== wrappedKeyFormat) invalid(`it is not a ${wrappedKeyFormat} map`);
  if (map.scheme !== schemeOf(suite)) invalid(`its scheme ${String(map.scheme)} is not this chain's ${schemeOf(suite)}`);
  if (!(map.enc instanceof Uint8Array) || !(map.ciphertext instanceof Uint8Array)) invalid("its enc and ciphertext must be bytes");
  if (map.scheme === "sm2") {
    let plaintext: Uint8Array;
    try {
      plaintext = sm2.doDecrypt(toHex(map.ciphertext), toHex(privateKey), 1, { output: "array" });
    } catch {
      invalid("not encrypted to this key");
    }
    const contextHash = suite.hash(context);
    if (plaintext.length <= contextHash.length || !bytesEqual(plaintext.subarray(0, contextHash.length), contextHash)) invalid("not encrypted to this key for this record");
    return plaintext.slice(contextHash.length);
  }
  if (!(privateKey instanceof Uint8Array) || privateKey.length !== 32) invalid("an X25519 private key is 32 bytes");
  try {
    return await hpkeOf(suite).open(privateKey, { enc: map.enc, ciphertext: map.ciphertext }, context);
  } catch {
    return invalid("not encrypted to this key for this record");
  }
}

/**
 * Several data keys wrapped in one message (one encapsulation): their bytes joined in order. The
 * context must name every key's purpose in that order (see keyReleaseBatchContext), so that no key
 * can be taken for another's.
 */
export async function wrapDataKeys(suite: CryptoSuite, recipientPublicKey: Uint8Array, dataKeys: readonly Uint8Array[], context: Uint8Array): Promise<Uint8Array> {
  if (dataKeys.length === 0) throw datashareError("DATASHARE_WRAPPED_KEY_INVALID", "there are no data keys to wrap");
  for (const dataKey of dataKeys) {
    if (dataKey.length !== suite.sealKeyBytes) throw datashareError("DATASHARE_WRAPPED_KEY_INVALID", `a ${suite.id} data key is ${suite.sealKeyBytes} bytes, not ${dataKey.length}`);
  }
  return wrapDataKey(suite, recipientPublicKey, concatBytes(...dataKeys), context);
}

/** Opens what wrapDataKeys made: exactly `count` data keys, in order; DATASHARE_WRAPPED_KEY_INVALID otherwise. */
export async function unwrapDataKeys(suite: CryptoSuite, privateKey: Uint8Array, wrapped: Uint8Array, context: Uint8Array, count: number): Promise<Uint8Array[]> {
  const joined = await unwrapDataKey(suite, privateKey, wrapped, context);
  if (joined.length !== count * suite.sealKeyBytes) invalid(`it holds ${joined.length} bytes, not ${count} data keys of ${suite.sealKeyBytes}`);
  return Array.from({ length: count }, (_, index) => joined.slice(index * suite.sealKeyBytes, (index + 1) * suite.sealKeyBytes));
}
