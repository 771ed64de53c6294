import { createHash, createHmac, hash, randomBytes } from "node:crypto";
import type { CryptoBackend, IncrementalHash } from "./backend.ts";
import { nodeAes256Gcm } from "./node/aes-gcm.ts";
import { nodeHpkeX25519 } from "./node/hpke-x25519.ts";
import { nodeSm2VerifyCacheOptions } from "./limits.ts";
import { plainBytes } from "./node/bytes.ts";
import { createNodeEd25519 } from "./node/ed25519.ts";
import { createSm2 } from "./sm2.ts";
import { sm4Gcm } from "./sm4-gcm.ts";

/**
 * The Node backend: OpenSSL for Ed25519, SHA-256, SM3, AES-256-GCM and HPKE over X25519. SM2 cannot use OpenSSL
 * here, because Node offers no way to set the SM2 user ID and OpenSSL 3.0 defaults to an empty
 * one; it runs on @noble/curves with OpenSSL's SM3 and cached tables instead (see sm2.ts).
 * OpenSSL 3.0 has no SM4-GCM, so that comes from sm-crypto-v2 (see sm4-gcm.ts).
 */
// crypto.hash is one call into OpenSSL instead of three; for the short inputs a chain hashes most
// (Merkle nodes, transactions) it takes about half the time of createHash().update().digest().
function sha256(data: Uint8Array): Uint8Array {
  return digestBytes(hash("sha256", data, "binary"));
}

function sm3(data: Uint8Array): Uint8Array {
  return digestBytes(hash("sm3", data, "binary"));
}

/**
 * A digest asked for as a one-byte-per-character ("binary", that is latin1) string and copied into a new array. A Buffer
 * from crypto.hash owns its own off-heap memory (a malloc, a backing store to register, a sweep
 * to free it); an array this small lives in V8's heap. With a dozen digests per transaction on
 * every validator, this costs about a third of the CPU of asking for the Buffer.
 */
function digestBytes(digest: string): Uint8Array {
  const bytes = new Uint8Array(digest.length);
  for (let index = 0; index < digest.length; index++) bytes[index] = digest.charCodeAt(index);
  return bytes;
}

function incremental(algorithm: "sha256" | "sm3"): IncrementalHash {
  const hasher = createHash(algorithm);
  const fed: IncrementalHash = {
    update(data) {
      hasher.update(data);
      return fed;
    },
    digest: () => plainBytes(hasher.digest()),
  };
  return fed;
}

function hmac(algorithm: "sha256" | "sm3", key: Uint8Array, data: Uint8Array): Uint8Array {
  return plainBytes(createHmac(algorithm, key).update(data).digest());
}

function randomBytesPlain(length: number): Uint8Array {
  return plainBytes(randomBytes(length));
}

export const backend: CryptoBackend = {
  name: "node",
  randomBytes: randomBytesPlain,
  sha256,
  sm3,
  createSha256: () => incremental("sha256"),
  createSm3: () => incremental("sm3"),
  hmacSha256: (key, data) => hmac("sha256", key, data),
  hmacSm3: (key, data) => hmac("sm3", key, data),
  ed25519: createNodeEd25519(),
  sm2: createSm2(sm3, randomBytesPlain, nodeSm2VerifyCacheOptions),
  aes256Gcm: nodeAes256Gcm,
  sm4Gcm,
  hpkeX25519: nodeHpkeX25519,
};
