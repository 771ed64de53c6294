import { gcm } from "@noble/ciphers/aes.js";
import { ed25519 } from "@noble/curves/ed25519.js";
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { hexToBytes, randomBytes as randomBytesUpTo64KiB } from "@noble/hashes/utils.js";
import { sm3 as sm3Hex } from "sm-crypto-v2";
import type { AeadCipher, CryptoBackend, SignatureScheme } from "./backend.ts";
import { requireEd25519Seed } from "./ed25519-seed.ts";
import { portableHpkeX25519 } from "./hpke-x25519-portable.ts";
import { browserSm2VerifyCacheOptions } from "./limits.ts";
import { createSm2 } from "./sm2.ts";
import { sm4Gcm } from "./sm4-gcm.ts";

/**
 * The portable backend: pure JavaScript from @noble/*, @hpke/* and sm-crypto-v2, safe in browsers. Node
 * loads it only through `portable.ts` (`intlSuitePortable` / `gmSuitePortable`), so tests can check
 * the two backends against each other.
 */
/** crypto.getRandomValues fills at most 65,536 bytes a call, so larger requests are filled in slices. */
const randomSliceBytes = 65_536;

function randomBytes(length: number): Uint8Array {
  if (length <= randomSliceBytes) return randomBytesUpTo64KiB(length);
  const out = new Uint8Array(length);
  for (let offset = 0; offset < length; offset += randomSliceBytes) {
    out.set(randomBytesUpTo64KiB(Math.min(randomSliceBytes, length - offset)), offset);
  }
  return out;
}

function sm3(data: Uint8Array): Uint8Array {
  return hexToBytes(sm3Hex(data));
}

function hmacSm3(key: Uint8Array, data: Uint8Array): Uint8Array {
  return hexToBytes(sm3Hex(data, { key, mode: "hmac" }));
}

const ed25519KeyBytes = 32;
const ed25519SignatureBytes = 64;

const nobleEd25519: SignatureScheme = {
  publicKeyOf(privateKey) {
    return ed25519.getPublicKey(requireEd25519Seed(privateKey));
  },

  sign(privateKey, message) {
    return ed25519.sign(message, requireEd25519Seed(privateKey));
  },

  verify(publicKey, message, signature) {
    if (!(publicKey instanceof Uint8Array) || !(message instanceof Uint8Array) || !(signature instanceof Uint8Array)) return false;
    if (publicKey.length !== ed25519KeyBytes || signature.length !== ed25519SignatureBytes) return false;
    try {
      // RFC 8032's strict checks (canonical encodings, s < L), closer to OpenSSL than noble's ZIP-215 default.
      return ed25519.verify(signature, message, publicKey, { zip215: false });
    } catch {
      return false;
    }
  },
};

const nobleAes256Gcm: AeadCipher = {
  seal(key, nonce, plaintext, associatedData) {
    return gcm(key, nonce, associatedData).encrypt(plaintext);
  },

  open(key, nonce, ciphertextAndTag, associatedData) {
    return gcm(key, nonce, associatedData).decrypt(ciphertextAndTag);
  },
};

export const backend: CryptoBackend = {
  name: "portable",
  randomBytes,
  sha256,
  sm3,
  createSha256: () => sha256.create(),
  createSm3: undefined,
  hmacSha256: (key, data) => hmac(sha256, key, data),
  hmacSm3,
  ed25519: nobleEd25519,
  sm2: createSm2(sm3, randomBytes, browserSm2VerifyCacheOptions),
  aes256Gcm: nobleAes256Gcm,
  sm4Gcm,
  hpkeX25519: portableHpkeX25519,
};
