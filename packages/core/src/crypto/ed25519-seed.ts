import { CryptoError } from "../errors.ts";

export const ed25519SeedBytes = 32;

/** An Ed25519 private key is the 32-byte seed of RFC 8032 §5.1.5; any 32 bytes are valid. */
export function requireEd25519Seed(privateKey: Uint8Array): Uint8Array {
  if (!(privateKey instanceof Uint8Array) || privateKey.length !== ed25519SeedBytes) {
    throw new CryptoError({ code: "CRYPTO_BAD_KEY", reason: "must be a 32-byte seed" }, "invalid Ed25519 private key: must be a 32-byte seed");
  }
  return privateKey;
}
