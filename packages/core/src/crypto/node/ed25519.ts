import { type KeyObject, createHash, createPrivateKey, createPublicKey, sign, timingSafeEqual, verify } from "node:crypto";
import type { SignatureScheme } from "../backend.ts";
import { BoundedCache } from "../bounded-cache.ts";
import { requireEd25519Seed } from "../ed25519-seed.ts";
import { cryptoLimits } from "../limits.ts";
import { plainBytes } from "./bytes.ts";

/**
 * Ed25519 through OpenSSL. Node takes raw keys only inside DER, so a raw key gets the fixed
 * PKCS#8 (RFC 8410 §7) or SubjectPublicKeyInfo prefix; the raw key is always the last 32 bytes.
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

export function createNodeEd25519(): SignatureScheme {
  // Building a KeyObject costs about as much as a verification, and consensus verifies the same validator keys over and over.
  const publicKeys = new BoundedCache<string, KeyObject>(cryptoLimits.ed25519VerifyKeysCachedMax);

  function publicKeyObject(publicKey: Uint8Array): KeyObject {
    const cacheKey = Buffer.from(publicKey.buffer, publicKey.byteOffset, publicKey.byteLength).toString("latin1");
    let keyObject = publicKeys.get(cacheKey);
    if (keyObject === undefined) {
      keyObject = createPublicKey({ key: Buffer.concat([spkiPrefix, publicKey]), format: "der", type: "spki" });
      publicKeys.set(cacheKey, keyObject);
    }
    return keyObject;
  }

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
        return verify(null, message, publicKeyObject(publicKey), signature);
      } catch {
        return false;
      }
    },
  };
}
