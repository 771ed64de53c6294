/**
 * The primitives one platform provides; `suite-factory.ts` turns them into the chain-wide suites.
 * Two implementations exist: `backend.node.ts` (OpenSSL through node:crypto where it is fastest)
 * and `backend.browser.ts` (@noble/* and sm-crypto-v2). `#crypto-backend` picks one per platform.
 */
export interface SignatureScheme {
  /** Throws CryptoError CRYPTO_BAD_KEY when the private key is not valid for the scheme. */
  publicKeyOf(privateKey: Uint8Array): Uint8Array;
  /** Throws CryptoError CRYPTO_BAD_KEY when the private key is not valid for the scheme. */
  sign(privateKey: Uint8Array, message: Uint8Array): Uint8Array;
  /** Returns false, never throws, for any malformed input. */
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}

/** An AEAD with a 12-byte nonce and a 16-byte tag. The caller has checked key and nonce lengths. */
export interface AeadCipher {
  /** Returns ciphertext ‖ tag. */
  seal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, associatedData: Uint8Array): Uint8Array;
  /** Takes ciphertext ‖ tag; throws (any error) when the tag does not match. */
  open(key: Uint8Array, nonce: Uint8Array, ciphertextAndTag: Uint8Array, associatedData: Uint8Array): Uint8Array;
}

export type HashFunction = (data: Uint8Array) => Uint8Array;

/** HMAC (RFC 2104) over one hash: the tag of `data` under `key`. */
export type HmacFunction = (key: Uint8Array, data: Uint8Array) => Uint8Array;

/** A hash fed in pieces, for content too large to hold in memory at once. */
export interface IncrementalHash {
  update(data: Uint8Array): IncrementalHash;
  /** The digest of everything fed so far; the hash cannot be fed after this. */
  digest(): Uint8Array;
}

/** An HPKE message: the encapsulated key and the AEAD ciphertext with its tag. */
export interface HpkeSealed {
  readonly enc: Uint8Array;
  readonly ciphertext: Uint8Array;
}

/**
 * HPKE base mode (RFC 9180) with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and AES-256-GCM, one
 * message per encapsulation with empty associated data: the intl suite's public-key encryption.
 * Asynchronous because WebCrypto, which the portable backend uses, is.
 */
export interface HpkeX25519 {
  /** The X25519 public key (RFC 7748) of a 32-byte private key; the caller has checked its length. */
  publicKeyOf(privateKey: Uint8Array): Uint8Array;
  /** SealBase(pkR, info, aad = "", plaintext) with a fresh ephemeral key. */
  seal(recipientPublicKey: Uint8Array, info: Uint8Array, plaintext: Uint8Array): Promise<HpkeSealed>;
  /** OpenBase; rejects (any error) when the message is not for this key and info, or was altered. */
  open(recipientPrivateKey: Uint8Array, sealed: HpkeSealed, info: Uint8Array): Promise<Uint8Array>;
}

export interface CryptoBackend {
  readonly name: "node" | "portable";
  randomBytes(length: number): Uint8Array;
  sha256: HashFunction;
  sm3: HashFunction;
  createSha256(): IncrementalHash;
  /** Undefined where the platform's SM3 only hashes whole inputs (sm-crypto-v2 in the browser). */
  createSm3: (() => IncrementalHash) | undefined;
  hmacSha256: HmacFunction;
  hmacSm3: HmacFunction;
  ed25519: SignatureScheme;
  /** SM2 with the GM/T 0009 default user ID in the Z value. */
  sm2: SignatureScheme;
  aes256Gcm: AeadCipher;
  sm4Gcm: AeadCipher;
  hpkeX25519: HpkeX25519;
}
