import { encode as cborEncode } from "cborg";
import { assertSize, decodeBoundedCborg, decodeCanonicalCborg, decodeTrustedCborg } from "./codecCborgDecode.ts";
import { decodeCanonicalValue } from "./codecDecodeFastPath.ts";
import { encodeCommonValue } from "./codecFastPath.ts";
import { CodecError } from "./errors.ts";
import { protocolLimits } from "./limits.ts";

/**
 * The values that may appear in anything hashed or signed: CBOR's data model restricted to
 * what every language maps the same way. Integers must be safe JavaScript integers or bigint;
 * floats, undefined, tags and indefinite lengths are refused.
 */
export type CborValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | readonly CborValue[]
  | { readonly [key: string]: CborValue };

/*
 * cborg's default map order is "shorter UTF-8 key first, then bytewise". Kexin maps only ever have
 * text keys (the decoder refuses others), and for text keys that order is exactly RFC 8949's bytewise
 * order of the encoded keys, because a key's encoding starts with its length. The default is about
 * three times faster than cborg's rfc8949EncodeOptions; codec.test.ts pins the equivalence.
 */
const encodeOptions = {};

/** RFC 8949 §4.2.1 core deterministic encoding: shortest forms, map keys sorted bytewise. */
export function encodeCanonical(value: unknown): Uint8Array {
  const common = encodeCommonValue(value);
  if (common !== undefined) return common;
  if (!isEncodable(value)) assertEncodable(value, "value");
  return cborEncode(value, encodeOptions);
}

/**
 * Strict decoding that accepts only the canonical encoding of a value: any input whose
 * re-encoding would differ (unsorted keys, long-form lengths, integral floats) is refused, so
 * every value has exactly one byte string and therefore exactly one hash.
 */
export function decodeCanonical(bytes: Uint8Array, sizeBytesMax = Number.MAX_SAFE_INTEGER): CborValue {
  assertSize(bytes, sizeBytesMax);
  return decodeCanonicalValue(bytes, protocolLimits.cborNestingDepthMax) ?? decodeCanonicalCborg(bytes);
}

/**
 * Decodes untrusted bytes whose own encoding is never hashed or signed (an envelope around
 * separately hashed parts), with the size bound, nesting bound and error reporting of
 * decodeCanonical but without its canonical-form check. Whatever inside is hashed must still be
 * checked canonically.
 */
export function decodeBounded(bytes: Uint8Array, sizeBytesMax: number): CborValue {
  assertSize(bytes, sizeBytesMax);
  return decodeCanonicalValue(bytes, protocolLimits.cborNestingDepthMax) ?? decodeBoundedCborg(bytes);
}

/**
 * Decodes bytes this node wrote itself (its own state and block store), skipping the canonical
 * re-encoding check that input from outside must pass. Never use it on bytes from the network.
 */
export function decodeTrusted(bytes: Uint8Array): CborValue {
  return decodeCanonicalValue(bytes, protocolLimits.cborNestingDepthMax) ?? decodeTrustedCborg(bytes);
}

/** assertEncodable's test without building a path for every value; the common case on hot paths. */
function isEncodable(value: unknown): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
    case "bigint":
      return true;
    case "number":
      return Number.isSafeInteger(value);
    case "object": {
      if (value === null || value instanceof Uint8Array) return true;
      if (Array.isArray(value)) {
        for (const item of value) if (!isEncodable(item)) return false;
        return true;
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return false;
      for (const key in value) if (Object.hasOwn(value, key) && !isEncodable((value as Record<string, unknown>)[key])) return false;
      return true;
    }
    default:
      return false;
  }
}

/** Throws a CodecError naming the first value that has no canonical encoding. */
function assertEncodable(value: unknown, path: string): void {
  switch (typeof value) {
    case "string":
    case "boolean":
    case "bigint":
      return;
    case "number":
      if (!Number.isInteger(value)) {
        throw new CodecError(
          { code: "CODEC_MALFORMED", reason: `${path} is a floating-point number` },
          `${path} is ${value}: floating-point numbers are not allowed (use integers in the smallest unit)`,
        );
      }
      if (!Number.isSafeInteger(value)) {
        throw new CodecError(
          { code: "CODEC_MALFORMED", reason: `${path} is not a safe integer` },
          `${path} is ${value}: integers beyond ±(2^53-1) must be bigint`,
        );
      }
      return;
    case "object":
      if (value === null || value instanceof Uint8Array) return;
      if (Array.isArray(value)) {
        value.forEach((item, index) => assertEncodable(item, `${path}[${index}]`));
        return;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
        throw new CodecError(
          { code: "CODEC_MALFORMED", reason: `${path} is not a plain object` },
          `cannot encode ${path}: only plain objects, arrays, strings, integers, booleans, null and bytes are allowed`,
        );
      }
      for (const [key, item] of Object.entries(value)) assertEncodable(item, `${path}.${key}`);
      return;
    default:
      throw new CodecError(
        { code: "CODEC_MALFORMED", reason: `${path} has type ${typeof value}` },
        `cannot encode ${path}: values of type ${typeof value} are not allowed`,
      );
  }
}
