import { createHash } from "node:crypto";
import { type CryptoSuite, bytesEqual, concatBytes, toHex } from "@kexin/core";

/**
 * Stand-in signatures for the simulator: signature = SHA-256(secret ‖ message), checked by looking
 * the secret up. Thousands of seeded runs need cheap signing; real suites are tested elsewhere.
 * Byzantine validators can sign anything with their own key, never with another's.
 */
export class SimulatedKeys {
  private readonly secretByPublicKey = new Map<string, Uint8Array>();

  create(secret: Uint8Array): { publicKey: Uint8Array; sign: (message: Uint8Array) => Uint8Array } {
    const publicKey = new Uint8Array(createHash("sha256").update("public").update(secret).digest());
    this.secretByPublicKey.set(toHex(publicKey), secret);
    return { publicKey, sign: (message) => signWith(secret, message) };
  }

  verify = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean => {
    const secret = this.secretByPublicKey.get(toHex(publicKey));
    if (!secret || signature.length !== 32) return false;
    const expected = signWith(secret, message);
    for (let index = 0; index < 32; index += 1) if (expected[index] !== signature[index]) return false;
    return true;
  };
}

function signWith(secret: Uint8Array, message: Uint8Array): Uint8Array {
  return new Uint8Array(createHash("sha256").update(secret).update(message).digest());
}

export function sha256(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash("sha256").update(bytes).digest());
}

/**
 * A chain suite for the simulator with SimulatedKeys' stand-in signatures and real SHA-256, so the
 * real pipeline (admission, proposals, execution, commits) checks every signature through a suite
 * at a fraction of Ed25519's cost. A private key is any 32 bytes; its public key is only known
 * to verify once publicKeyOf has seen it, which the simulator does when it creates every key.
 */
export function createSimulatedSuite(): CryptoSuite {
  const keys = new SimulatedKeys();
  const signers = new Map<string, (message: Uint8Array) => Uint8Array>();
  const signerOf = (privateKey: Uint8Array): { publicKey: Uint8Array; sign: (message: Uint8Array) => Uint8Array } => {
    const created = keys.create(privateKey);
    signers.set(toHex(privateKey), created.sign);
    return created;
  };
  const unsupported = (): never => {
    throw new Error("the simulator's suite does not seal");
  };
  let randomCounter = 0;
  return {
    id: "intl",
    hashName: "sha256",
    publicKeyBytes: 32,
    signatureBytes: 64,
    sealKeyBytes: 32,
    hash: sha256,
    createHash: undefined,
    generatePrivateKey: () => sha256(new Uint8Array(new Uint32Array([randomCounter++]).buffer)),
    publicKeyOf: (privateKey) => signerOf(privateKey).publicKey,
    sign: (privateKey, message) => {
      const sign = signers.get(toHex(privateKey)) ?? signerOf(privateKey).sign;
      const digest = sign(message);
      return concatBytes(digest, digest);
    },
    verify: (publicKey, message, signature) => signature.length === 64 && bytesEqual(signature.subarray(0, 32), signature.subarray(32)) && keys.verify(publicKey, message, signature.subarray(0, 32)),
    hmac: unsupported,
    seal: unsupported,
    open: unsupported,
    randomBytes: () => unsupported(),
  };
}
