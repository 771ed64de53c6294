import type { HpkeX25519, IncrementalHash } from "./backend.ts";

export type SuiteId = "intl" | "gm";

export const suiteIds: readonly SuiteId[] = ["intl", "gm"];

/**
 * One chain-wide set of algorithms, fixed at genesis.
 * - intl: Ed25519 signatures (RFC 8032), SHA-256, AES-256-GCM.
 * - gm (国密): SM2 signatures with the GM/T 0009 default user ID "1234567812345678" in the Z value, SM3, SM4-GCM.
 *
 * Keys are raw bytes: a private key is the 32-byte Ed25519 seed or SM2 scalar (1 ≤ d ≤ n − 2); a
 * public key is the 32-byte Ed25519 key or the 65-byte uncompressed SM2 point (0x04 ‖ x ‖ y). A
 * signature is 64 bytes (SM2: r ‖ s). Sealed data is nonce (12 random bytes) ‖ ciphertext ‖ tag
 * (16 bytes); random nonces keep one seal key safe for 2^32 seals.
 */
export interface CryptoSuite {
  readonly id: SuiteId;
  readonly hashName: "sha256" | "sm3";
  readonly publicKeyBytes: number;
  readonly signatureBytes: number;
  readonly sealKeyBytes: number;
  hash(data: Uint8Array): Uint8Array;
  /**
   * The same hash fed in pieces, giving the same digest as `hash` of the pieces joined; undefined
   * where the platform cannot (SM3 in the browser), and a caller must then hash whole contents.
   */
  readonly createHash: (() => IncrementalHash) | undefined;
  /** HMAC (RFC 2104) with the suite's hash: the 32-byte tag of `data` under `key`. */
  hmac(key: Uint8Array, data: Uint8Array): Uint8Array;
  generatePrivateKey(): Uint8Array;
  /** Throws CryptoError CRYPTO_BAD_KEY when the private key is not valid for the suite. */
  publicKeyOf(privateKey: Uint8Array): Uint8Array;
  /** Throws CryptoError CRYPTO_BAD_KEY when the private key is not valid for the suite. */
  sign(privateKey: Uint8Array, message: Uint8Array): Uint8Array;
  /** Never throws on malformed keys or signatures: returns false. */
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
  /** Throws CryptoError CRYPTO_BAD_KEY when the key is not `sealKeyBytes` long. */
  seal(key: Uint8Array, plaintext: Uint8Array, associatedData?: Uint8Array): Uint8Array;
  /**
   * Throws CryptoError CRYPTO_OPEN_FAILED when the key, data or tag do not match, and
   * CRYPTO_BAD_KEY when the key is not `sealKeyBytes` long.
   */
  open(key: Uint8Array, sealed: Uint8Array, associatedData?: Uint8Array): Uint8Array;
  randomBytes(length: number): Uint8Array;
  /** intl's public-key encryption (HPKE over X25519) on this suite's backend; absent on gm, which encrypts with SM2. */
  readonly hpkeX25519?: HpkeX25519 | undefined;
}
