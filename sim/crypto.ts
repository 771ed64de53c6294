import { createHash } from "node:crypto";
import { toHex } from "@kexin/core";

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
