export type SuiteId = "intl" | "gm";

export const suiteIds: readonly SuiteId[] = ["intl", "gm"];

/**
 * One chain-wide set of algorithms, fixed at genesis.
 * - intl: Ed25519 signatures, SHA-256, AES-256-GCM.
 * - gm (国密): SM2 signatures with the GM/T 0009 default user ID "1234567812345678" in the Z value, SM3, SM4-GCM.
 *
 * Keys are raw bytes: a private key is the 32-byte Ed25519 seed or SM2 scalar; a public key is
 * the 32-byte Ed25519 key or the 65-byte uncompressed SM2 point (0x04 ‖ x ‖ y).
 * Sealed data is nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes).
 */
export interface CryptoSuite {
  readonly id: SuiteId;
  readonly hashName: "sha256" | "sm3";
  readonly publicKeyBytes: number;
  readonly signatureBytes: number;
  readonly sealKeyBytes: number;
  hash(data: Uint8Array): Uint8Array;
  generatePrivateKey(): Uint8Array;
  publicKeyOf(privateKey: Uint8Array): Uint8Array;
  sign(privateKey: Uint8Array, message: Uint8Array): Uint8Array;
  /** Never throws on malformed keys or signatures: returns false. */
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
  seal(key: Uint8Array, plaintext: Uint8Array, associatedData?: Uint8Array): Uint8Array;
  /** Throws CryptoError CRYPTO_OPEN_FAILED when the key, data or tag do not match. */
  open(key: Uint8Array, sealed: Uint8Array, associatedData?: Uint8Array): Uint8Array;
  randomBytes(length: number): Uint8Array;
}
