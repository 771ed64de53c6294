import { type KeyObject, createHash, createPrivateKey, createPublicKey, sign, timingSafeEqual } from "node:crypto";
import sodium from "sodium-native";
import type { SignatureScheme } from "../backend.ts";
import { requireEd25519Seed } from "../ed25519-seed.ts";
import { plainBytes } from "./bytes.ts";

/**
 * Ed25519 keys and signing through OpenSSL, verification through libsodium. Node takes raw keys
 * only inside DER, so a raw key gets the fixed PKCS#8 (RFC 8410 §7) or SubjectPublicKeyInfo
 * prefix; the raw key is always the last 32 bytes.
 *
 * Verification is what a node does for every transaction and vote, and libsodium's is about 1.5
 * times as fast as OpenSSL's here, with no key object to build. It accepts a subset of what RFC
 * 8032 allows (it also refuses small-order public keys and R values), so a signature it accepts
 * verifies under OpenSSL and under @noble/curves in browsers too: offline verifiers never refuse
 * what the chain admitted.
 */
const pkcs8Prefix = Buffer.from("302e020100300506032b657004220420", "hex");
const spkiPrefix = Buffer.from("302a300506032b6570032100", "hex");
const keyBytes = 32;
const signatureBytes = 64;

interface CachedPrivateKey {
  readonly fingerprint: Uint8Array;
  readonly keyObject: KeyObject;
}

/**
 * Turning a seed into a KeyObject costs over ten times the signature itself, and a wallet signs
 * with the same key array again and again, so the KeyObject is kept for as long as the caller's
 * array lives. A SHA-256 fingerprint (not a copy of the key) notices an array rewritten in place.
 */
const privateKeyObjects = new WeakMap<Uint8Array, CachedPrivateKey>();

function privateKeyObject(privateKey: Uint8Array): KeyObject {
  const fingerprint = createHash("sha256").update(requireEd25519Seed(privateKey)).digest();
  const cached = privateKeyObjects.get(privateKey);
  if (cached !== undefined && timingSafeEqual(cached.fingerprint, fingerprint)) return cached.keyObject;
  const keyObject = createPrivateKey({ key: Buffer.concat([pkcs8Prefix, privateKey]), format: "der", type: "pkcs8" });
  privateKeyObjects.set(privateKey, { fingerprint, keyObject });
  return keyObject;
}

/** A view of the same memory as a Buffer, which is what the libsodium binding's types ask for. */
function bufferView(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function createNodeEd25519(): SignatureScheme {
  return {
    publicKeyOf(privateKey) {
      const spki = createPublicKey(privateKeyObject(privateKey)).export({ format: "der", type: "spki" });
      return plainBytes(spki.subarray(spkiPrefix.length));
    },

    sign(privateKey, message) {
      return plainBytes(sign(null, message, privateKeyObject(privateKey)));
    },

    verify(publicKey, message, signature) {
      if (!(publicKey instanceof Uint8Array) || !(message instanceof Uint8Array) || !(signature instanceof Uint8Array)) return false;
      if (publicKey.length !== keyBytes || signature.length !== signatureBytes) return false;
      try {
        return sodium.crypto_sign_verify_detached(bufferView(signature), bufferView(message), bufferView(publicKey));
      } catch {
        return false;
      }
    },
  };
}
