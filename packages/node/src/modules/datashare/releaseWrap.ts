import { createCipheriv, createHmac, createPublicKey, diffieHellman, generateKeyPairSync } from "node:crypto";
import { type CryptoSuite, concatBytes, datashareError, encodeCanonical, encryptionKeyProblem, utf8, wrapDataKey, wrappedKeyFormat } from "@kexin/core";

/*
 * HPKE base mode (RFC 9180) with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and AES-256-GCM, the
 * `hpke-x25519` scheme of kexin-wrapped-key/1, computed with OpenSSL in one synchronous pass.
 * The browser-safe wrapDataKey of @kexin/core runs @hpke/core over @noble/curves and WebCrypto,
 * a dozen asynchronous calls and two scalar multiplications in JavaScript, which cost the key
 * release route milliseconds per key; this costs about a tenth. Its output is the same format,
 * opened by the same unwrapDataKey (a test checks the two against each other).
 */

const kemId = 0x0020;
const kdfId = 0x0001;
const aeadId = 0x0002;
const keyBytes = 32;
const nonceBytes = 12;
const tagBytes = 16;
const hpkeVersion = utf8("HPKE-v1");
const kemSuiteId = concatBytes(utf8("KEM"), twoBytes(kemId));
const hpkeSuiteId = concatBytes(utf8("HPKE"), twoBytes(kemId), twoBytes(kdfId), twoBytes(aeadId));
const modeBase = new Uint8Array([0x00]);
const empty = new Uint8Array(0);

function twoBytes(value: number): Uint8Array {
  return new Uint8Array([value >> 8, value & 0xff]);
}

function hmac(key: Uint8Array, ...parts: Uint8Array[]): Uint8Array {
  const mac = createHmac("sha256", key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/** LabeledExtract: HKDF-Extract (an empty salt is HMAC's all-zero key) over the labelled input. */
function labeledExtract(suiteId: Uint8Array, salt: Uint8Array, label: string, ikm: Uint8Array): Uint8Array {
  return hmac(salt, hpkeVersion, suiteId, utf8(label), ikm);
}

/** LabeledExpand for at most one hash length of output: HKDF-Expand's first block. */
function labeledExpand(suiteId: Uint8Array, prk: Uint8Array, label: string, info: Uint8Array, length: number): Uint8Array {
  return hmac(prk, twoBytes(length), hpkeVersion, suiteId, utf8(label), info, new Uint8Array([1])).subarray(0, length);
}

/** The base mode has no pre-shared key, so its psk_id_hash is a constant. */
const pskIdHash = labeledExtract(hpkeSuiteId, empty, "psk_id_hash", empty);

function x25519PublicKeyObject(raw: Uint8Array) {
  return createPublicKey({ key: { kty: "OKP", crv: "X25519", x: Buffer.from(raw).toString("base64url") }, format: "jwk" });
}

/** HPKE SealBase(pkR, info, aad = "", pt): the encapsulated key and the ciphertext with its tag. */
export function hpkeSealX25519(recipientPublicKey: Uint8Array, info: Uint8Array, plaintext: Uint8Array): { readonly enc: Uint8Array; readonly ciphertext: Uint8Array } {
  const ephemeral = generateKeyPairSync("x25519");
  const enc = new Uint8Array(Buffer.from(ephemeral.publicKey.export({ format: "jwk" }).x as string, "base64url"));
  const dh = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: x25519PublicKeyObject(recipientPublicKey) });
  const eaePrk = labeledExtract(kemSuiteId, empty, "eae_prk", dh);
  const sharedSecret = labeledExpand(kemSuiteId, eaePrk, "shared_secret", concatBytes(enc, recipientPublicKey), keyBytes);
  const context = concatBytes(modeBase, pskIdHash, labeledExtract(hpkeSuiteId, empty, "info_hash", info));
  const secret = labeledExtract(hpkeSuiteId, sharedSecret, "secret", empty);
  const key = labeledExpand(hpkeSuiteId, secret, "key", context, keyBytes);
  // The first (and only) message of the context uses the base nonce as it is.
  const nonce = labeledExpand(hpkeSuiteId, secret, "base_nonce", context, nonceBytes);
  const cipher = createCipheriv("aes-256-gcm", key, nonce, { authTagLength: tagBytes });
  const ciphertext = concatBytes(cipher.update(plaintext), cipher.final(), cipher.getAuthTag());
  return { enc, ciphertext };
}

/** wrapDataKey of @kexin/core for a key release, with the intl scheme computed by OpenSSL; gm's SM2 goes through core as it is. */
export async function wrapDataKeyForRelease(suite: CryptoSuite, recipientPublicKey: Uint8Array, dataKey: Uint8Array, context: Uint8Array): Promise<Uint8Array> {
  if (suite.id === "gm") return wrapDataKey(suite, recipientPublicKey, dataKey, context);
  const problem = encryptionKeyProblem(suite, recipientPublicKey);
  if (problem !== undefined) throw datashareError("DATASHARE_ENCRYPTION_KEY_INVALID", problem);
  const { enc, ciphertext } = hpkeSealX25519(recipientPublicKey, context, dataKey);
  return encodeCanonical({ format: wrappedKeyFormat, scheme: "hpke-x25519", enc, ciphertext });
}
