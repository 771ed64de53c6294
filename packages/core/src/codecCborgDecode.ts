/*
 * The cborg decode path of codec.ts: what decodes (or refuses, with the exact error) every input
 * the one-pass fast path leaves, and the reference the fast path is tested against.
 */
import { decode as cborDecode } from "cborg";
import { bytesEqual } from "./bytes.ts";
import { canonicalFormViolation } from "./canonicalForm.ts";
import { encodeCanonical, type CborValue } from "./codec.ts";
import { CodecError } from "./errors.ts";
import { protocolLimits } from "./limits.ts";

const decodeOptions = {
  strict: true,
  rejectDuplicateMapKeys: true,
  allowUndefined: false,
  allowIndefinite: false,
  allowNaN: false,
  allowInfinity: false,
  allowBigInt: true,
  useMaps: false,
} as const;

/** decodeCanonical after its size check, through the canonical-form walk and cborg. */
export function decodeCanonicalCborg(bytes: Uint8Array): CborValue {
  const violation = canonicalFormViolation(bytes, protocolLimits.cborNestingDepthMax);
  const value = decodeStrict(bytes);
  if (violation === "float") assertRoundTrips(value, bytes);
  else if (violation === "not well-formed") {
    throw new CodecError({ code: "CODEC_MALFORMED", reason: violation }, "malformed CBOR: not well-formed");
  } else if (violation !== undefined) {
    throw new CodecError({ code: "CODEC_NOT_CANONICAL", reason: violation }, `CBOR is not in canonical (RFC 8949 §4.2.1 deterministic) form: ${violation}`);
  }
  return value as CborValue;
}

/** decodeBounded after its size check: the walk only for its nesting bound, then cborg. */
export function decodeBoundedCborg(bytes: Uint8Array): CborValue {
  canonicalFormViolation(bytes, protocolLimits.cborNestingDepthMax);
  return decodeStrict(bytes) as CborValue;
}

/** decodeTrusted: cborg alone. */
export function decodeTrustedCborg(bytes: Uint8Array): CborValue {
  return cborDecode(bytes, decodeOptions) as CborValue;
}

export function assertSize(bytes: Uint8Array, sizeBytesMax: number): void {
  if (bytes.length > sizeBytesMax) {
    throw new CodecError(
      { code: "CODEC_TOO_LARGE", sizeBytes: bytes.length, sizeBytesMax },
      `encoded value is ${bytes.length} bytes, more than the limit of ${sizeBytesMax}`,
    );
  }
}

/** cborg's strict decoding, its refusals worded as CODEC_MALFORMED; only for bytes whose nesting is already checked. */
function decodeStrict(bytes: Uint8Array): unknown {
  try {
    return cborDecode(bytes, decodeOptions);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^CBOR decode error: /, "") : String(error);
    throw new CodecError({ code: "CODEC_MALFORMED", reason }, `malformed CBOR: ${reason}`);
  }
}

/** Classifies a value holding a float: integral ones are non-canonical integers, others not allowed at all. */
function assertRoundTrips(value: unknown, bytes: Uint8Array): void {
  let reencoded: Uint8Array;
  try {
    reencoded = encodeCanonical(value);
  } catch (error) {
    if (error instanceof CodecError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new CodecError({ code: "CODEC_MALFORMED", reason }, `malformed CBOR: ${reason}`);
  }
  if (!bytesEqual(reencoded, bytes)) {
    throw new CodecError({ code: "CODEC_NOT_CANONICAL" }, "CBOR is not in canonical (RFC 8949 §4.2.1 deterministic) form");
  }
}
