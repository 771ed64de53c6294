import type { CryptoBackend } from "./backend.ts";
import { generateSm2PrivateKey } from "./sm2.ts";
import type { CryptoSuite } from "./suite.ts";
import { createSuite } from "./suite-factory.ts";

/**
 * `gm` (国密): SM2 signatures (GM/T 0003.2, GB/T 32918.2) with the GM/T 0009 default user ID,
 * SM3 (GM/T 0004, GB/T 32905), SM4-GCM (GB/T 32907 in the GCM mode of RFC 8998).
 */
export function createGmSuite(backend: CryptoBackend): CryptoSuite {
  return createSuite({
    id: "gm",
    hashName: "sm3",
    publicKeyBytes: 65,
    signatureBytes: 64,
    sealKeyBytes: 16,
    hash: backend.sm3,
    createHash: backend.createSm3,
    hmac: backend.hmacSm3,
    signatures: backend.sm2,
    aead: backend.sm4Gcm,
    randomBytes: backend.randomBytes,
    generatePrivateKey: () => generateSm2PrivateKey(backend.randomBytes),
    hpkeX25519: undefined,
  });
}
