import { type CryptoSuite, type SealedCipher, type SuiteId, encodeSealKey, sealContent, sealedCipherOf, sealedMediaType, toHex } from "@kexin/core";
import { invalidParameter } from "../errors.ts";
import { resolveSuite } from "../wallet/wallet.ts";

export type SealEvidenceParameters = {
  /** The file's bytes. */
  readonly content: Uint8Array;
  /** The seal key (the suite's seal key size: 32 bytes for intl, 16 for gm); by default a fresh random one. */
  readonly key?: Uint8Array;
};

export type SealEvidenceReturnType = {
  /** The sealed envelope (kexin-sealed/1): what is uploaded, and what the anchor's hash is of. */
  readonly envelope: Uint8Array;
  /** The suite hash of the envelope, 64 hex digits: the hash to anchor and to fetch by. */
  readonly hash: string;
  /** The envelope's length in bytes: the size to anchor. */
  readonly size: number;
  /** The media type to anchor it with (sealedMediaType). */
  readonly mediaType: typeof sealedMediaType;
  readonly cipher: SealedCipher;
  /** The key; without it the envelope cannot be opened, and nobody else has it. */
  readonly key: Uint8Array;
  /** The key as printable text (`kexin-sealed-key:<cipher>:<hex>`), for the submitter to keep. */
  readonly keyText: string;
};

/**
 * Seals a file on the client under the chain suite's AEAD (AES-256-GCM for intl, SM4-GCM for gm)
 * into a sealed envelope, ready to upload (uploadSealed) and anchor (anchor with the returned
 * hash, size and mediaType). Browser-safe; the content never leaves the caller unsealed.
 */
export function sealEvidence(suite: CryptoSuite | SuiteId, parameters: SealEvidenceParameters): SealEvidenceReturnType {
  const context = "evidence.sealEvidence";
  const resolved = resolveSuite(suite);
  if (!(parameters.content instanceof Uint8Array)) throw invalidParameter(context, "content", "must be the file's bytes (a Uint8Array)");
  if (parameters.key !== undefined && (!(parameters.key instanceof Uint8Array) || parameters.key.length !== resolved.sealKeyBytes)) {
    throw invalidParameter(context, "key", `must be a ${resolved.sealKeyBytes}-byte ${sealedCipherOf(resolved.id)} key`);
  }
  const { envelope, key } = sealContent(resolved, parameters.content, parameters.key);
  const cipher = sealedCipherOf(resolved.id);
  return { envelope, hash: toHex(resolved.hash(envelope)), size: envelope.length, mediaType: sealedMediaType, cipher, key, keyText: encodeSealKey(cipher, key) };
}
