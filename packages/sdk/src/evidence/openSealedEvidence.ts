import { type SealedError, decodeSealKey, openSealedEnvelope } from "@kexin/core";
import { invalidParameter } from "../errors.ts";

export type OpenSealedEvidenceParameters = {
  /** The sealed envelope's bytes. */
  readonly envelope: Uint8Array;
  /** The key: its bytes, or its text form (`kexin-sealed-key:…`). */
  readonly key: Uint8Array | string;
  /** The anchored hash, when known: a changed envelope is then told apart from a wrong key. */
  readonly expectedHash?: string;
};
export type OpenSealedEvidenceReturnType = Uint8Array;
/**
 * SealedError: SEALED_MALFORMED (not an envelope), SEALED_BAD_KEY (not a key of the envelope's
 * cipher), SEALED_ALTERED (the envelope's hash is not expectedHash), SEALED_OPEN_FAILED (not the
 * key it was sealed with; without expectedHash, or an altered envelope).
 */
export type OpenSealedEvidenceErrorType = SealedError;

/** Opens a sealed envelope with its key and returns the file's bytes; the cipher is read from the envelope. Browser-safe. */
export function openSealedEvidence(parameters: OpenSealedEvidenceParameters): OpenSealedEvidenceReturnType {
  if (!(parameters.envelope instanceof Uint8Array)) throw invalidParameter("evidence.openSealedEvidence", "envelope", "must be the envelope's bytes (a Uint8Array)");
  const key = typeof parameters.key === "string" ? decodeSealKey(parameters.key).key : parameters.key;
  return openSealedEnvelope(parameters.envelope, key, parameters.expectedHash === undefined ? {} : { expectedHash: parameters.expectedHash });
}
