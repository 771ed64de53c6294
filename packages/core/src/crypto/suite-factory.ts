import { CryptoError } from "../errors.ts";
import type { AeadCipher, HashFunction, HmacFunction, HpkeX25519, IncrementalHash, SignatureScheme } from "./backend.ts";
import type { CryptoSuite, SuiteId } from "./suite.ts";

export const sealNonceBytes = 12;
export const sealTagBytes = 16;

export interface SuiteDefinition {
  readonly id: SuiteId;
  readonly hashName: CryptoSuite["hashName"];
  readonly publicKeyBytes: number;
  readonly signatureBytes: number;
  readonly sealKeyBytes: number;
  readonly hash: HashFunction;
  readonly createHash: (() => IncrementalHash) | undefined;
  readonly hmac: HmacFunction;
  readonly signatures: SignatureScheme;
  readonly aead: AeadCipher;
  readonly randomBytes: (length: number) => Uint8Array;
  readonly generatePrivateKey: () => Uint8Array;
  readonly hpkeX25519: HpkeX25519 | undefined;
}

const noAssociatedData = new Uint8Array(0);

function openFailed(): CryptoError {
  return new CryptoError({ code: "CRYPTO_OPEN_FAILED" }, "sealed data does not open: wrong key, wrong associated data, or the data was altered");
}

/** The parts every suite shares: argument checks, the nonce ‖ ciphertext ‖ tag framing, and error mapping. */
export function createSuite(definition: SuiteDefinition): CryptoSuite {
  const { id, sealKeyBytes, aead, signatures } = definition;

  function requireSealKey(key: Uint8Array): void {
    if (!(key instanceof Uint8Array) || key.length !== sealKeyBytes) {
      const reason = `a ${id} seal key is ${sealKeyBytes} bytes`;
      throw new CryptoError({ code: "CRYPTO_BAD_KEY", reason }, `invalid seal key: ${reason}`);
    }
  }

  return Object.freeze({
    id,
    hashName: definition.hashName,
    publicKeyBytes: definition.publicKeyBytes,
    signatureBytes: definition.signatureBytes,
    sealKeyBytes,
    hash: definition.hash,
    createHash: definition.createHash,
    hmac: definition.hmac,
    hpkeX25519: definition.hpkeX25519,
    generatePrivateKey: definition.generatePrivateKey,
    publicKeyOf: (privateKey: Uint8Array) => signatures.publicKeyOf(privateKey),
    sign: (privateKey: Uint8Array, message: Uint8Array) => signatures.sign(privateKey, message),
    verify: (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => signatures.verify(publicKey, message, signature),

    seal(key: Uint8Array, plaintext: Uint8Array, associatedData: Uint8Array = noAssociatedData): Uint8Array {
      requireSealKey(key);
      // Random 96-bit nonces stay safe for 2^32 seals under one key (NIST SP 800-38D §8.3).
      const nonce = definition.randomBytes(sealNonceBytes);
      const body = aead.seal(key, nonce, plaintext, associatedData);
      const sealed = new Uint8Array(sealNonceBytes + body.length);
      sealed.set(nonce, 0);
      sealed.set(body, sealNonceBytes);
      return sealed;
    },

    open(key: Uint8Array, sealed: Uint8Array, associatedData: Uint8Array = noAssociatedData): Uint8Array {
      requireSealKey(key);
      if (!(sealed instanceof Uint8Array) || sealed.length < sealNonceBytes + sealTagBytes) throw openFailed();
      try {
        return aead.open(key, sealed.subarray(0, sealNonceBytes), sealed.subarray(sealNonceBytes), associatedData);
      } catch {
        throw openFailed();
      }
    },

    randomBytes(length: number): Uint8Array {
      if (!Number.isSafeInteger(length) || length < 0) throw new RangeError("randomBytes length must be a non-negative integer");
      return definition.randomBytes(length);
    },
  });
}
