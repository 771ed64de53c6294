import type { CryptoBackend } from "./backend.ts";
import { ed25519SeedBytes } from "./ed25519-seed.ts";
import type { CryptoSuite } from "./suite.ts";
import { createSuite } from "./suite-factory.ts";

/** `intl`: Ed25519 (RFC 8032), SHA-256 (FIPS 180-4), AES-256-GCM (NIST SP 800-38D). */
export function createIntlSuite(backend: CryptoBackend): CryptoSuite {
  return createSuite({
    id: "intl",
    hashName: "sha256",
    publicKeyBytes: 32,
    signatureBytes: 64,
    sealKeyBytes: 32,
    hash: backend.sha256,
    createHash: () => backend.createSha256(),
    hmac: backend.hmacSha256,
    signatures: backend.ed25519,
    aead: backend.aes256Gcm,
    randomBytes: backend.randomBytes,
    generatePrivateKey: () => backend.randomBytes(ed25519SeedBytes),
    hpkeX25519: backend.hpkeX25519,
  });
}
