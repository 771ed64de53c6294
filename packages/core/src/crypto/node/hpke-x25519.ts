import { type KeyObject, createCipheriv, createDecipheriv, createHmac, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync } from "node:crypto";
import { concatBytes, utf8 } from "../../bytes.ts";
import type { HpkeSealed, HpkeX25519 } from "../backend.ts";
import { plainBytes } from "./bytes.ts";

/*
 * HPKE base mode (RFC 9180 §5.1) with DHKEM(X25519, HKDF-SHA256) (§4.1, §7.1), HKDF-SHA256 and
 * AES-256-GCM, computed with OpenSSL in one synchronous pass. @hpke/core (the portable backend)
 * takes a dozen asynchronous WebCrypto calls and two X25519 multiplications in JavaScript, about
 * 2.7 ms a message on the project's machines; this takes a few percent of that. Tests check each
 * against the other in both directions.
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
/** The DER prefix of an X25519 private key (OID 1.3.101.110) in PKCS #8 (RFC 8410), followed by its 32 raw bytes. */
const pkcs8Prefix = Buffer.from("302e020100300506032b656e04220420", "hex");

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

// Keys cross into OpenSSL as JWK: importing and exporting DER goes through OpenSSL 3's decoders,
// about 70 µs for a public key and 360 µs for a private one here, against 1–10 µs for JWK.
function publicKeyObject(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: { kty: "OKP", crv: "X25519", x: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("base64url") }, format: "jwk" });
}

function rawPublicKey(key: KeyObject): Uint8Array {
  return plainBytes(Buffer.from(key.export({ format: "jwk" }).x as string, "base64url"));
}

type OpenedPrivateKey = { readonly bytes: Uint8Array; readonly key: KeyObject; readonly publicKey: Uint8Array };

/**
 * A reader opens many messages with one private key, and a JWK private key must name its public
 * half, so the key is imported once (as PKCS #8) and kept beside a copy of its bytes, for as long
 * as the caller keeps the array; a changed array is imported again.
 */
const openedPrivateKeys = new WeakMap<Uint8Array, OpenedPrivateKey>();

function openPrivateKey(raw: Uint8Array): OpenedPrivateKey {
  const cached = openedPrivateKeys.get(raw);
  if (cached !== undefined && Buffer.compare(cached.bytes, raw) === 0) return cached;
  const key = createPrivateKey({ key: Buffer.concat([pkcs8Prefix, raw]), format: "der", type: "pkcs8" });
  const opened = { bytes: raw.slice(), key, publicKey: rawPublicKey(createPublicKey(key)) };
  openedPrivateKeys.set(raw, opened);
  return opened;
}

/** KeySchedule (§5.1) for the base mode: the AEAD key and the nonce of the context's first (and only) message. */
function keySchedule(sharedSecret: Uint8Array, info: Uint8Array): { readonly key: Uint8Array; readonly nonce: Uint8Array } {
  const context = concatBytes(modeBase, pskIdHash, labeledExtract(hpkeSuiteId, empty, "info_hash", info));
  const secret = labeledExtract(hpkeSuiteId, sharedSecret, "secret", empty);
  return { key: labeledExpand(hpkeSuiteId, secret, "key", context, keyBytes), nonce: labeledExpand(hpkeSuiteId, secret, "base_nonce", context, nonceBytes) };
}

/** ExtractAndExpand of DHKEM (§4.1): the KEM's shared secret from the DH output and enc ‖ pkR. */
function kemSharedSecret(dh: Uint8Array, enc: Uint8Array, recipientPublicKey: Uint8Array): Uint8Array {
  const eaePrk = labeledExtract(kemSuiteId, empty, "eae_prk", dh);
  return labeledExpand(kemSuiteId, eaePrk, "shared_secret", concatBytes(enc, recipientPublicKey), keyBytes);
}

function seal(recipientPublicKey: Uint8Array, info: Uint8Array, plaintext: Uint8Array): HpkeSealed {
  const ephemeral = generateKeyPairSync("x25519");
  const enc = rawPublicKey(ephemeral.publicKey);
  const dh = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: publicKeyObject(recipientPublicKey) });
  const { key, nonce } = keySchedule(kemSharedSecret(dh, enc, recipientPublicKey), info);
  const cipher = createCipheriv("aes-256-gcm", key, nonce, { authTagLength: tagBytes });
  return { enc, ciphertext: concatBytes(cipher.update(plaintext), cipher.final(), cipher.getAuthTag()) };
}

function open(recipientPrivateKey: Uint8Array, sealed: HpkeSealed, info: Uint8Array): Uint8Array {
  const { enc, ciphertext } = sealed;
  if (enc.length !== keyBytes || ciphertext.length < tagBytes) throw new Error("an HPKE message has a 32-byte enc and a 16-byte tag");
  const recipient = openPrivateKey(recipientPrivateKey);
  // OpenSSL refuses a DH output of all zeros (a low-order enc), as RFC 9180 §7.1.4 requires.
  const dh = diffieHellman({ privateKey: recipient.key, publicKey: publicKeyObject(enc) });
  const { key, nonce } = keySchedule(kemSharedSecret(dh, enc, recipient.publicKey), info);
  const decipher = createDecipheriv("aes-256-gcm", key, nonce, { authTagLength: tagBytes });
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - tagBytes));
  return plainBytes(Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - tagBytes)), decipher.final()]));
}

export const nodeHpkeX25519: HpkeX25519 = {
  publicKeyOf: (privateKey) => openPrivateKey(privateKey).publicKey.slice(),
  seal: async (recipientPublicKey, info, plaintext) => seal(recipientPublicKey, info, plaintext),
  open: async (recipientPrivateKey, sealed, info) => open(recipientPrivateKey, sealed, info),
};
