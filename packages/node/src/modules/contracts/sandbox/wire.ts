import type { CborValue } from "@kexin/core";

/**
 * The host's side of the wire text the prelude speaks (see prelude.ts): JSON where byte strings are
 * {"\u0000b": hex}, bigints {"\u0000n": decimal}, and object keys starting with U+0000 carry one
 * more U+0000. Everything coming from a contract is checked here again: the prelude's checks are a
 * convenience, this side is the authority.
 */

export type WireRefusalCode = "CONTRACT_FLOAT_REFUSED" | "CONTRACT_VALUE_INVALID";

export class WireRefusal extends Error {
  readonly code: WireRefusalCode;
  constructor(code: WireRefusalCode, message: string) {
    super(message);
    this.code = code;
  }
}

const bytesTag = "\u0000b";
const bigintTag = "\u0000n";
const nestingDepthMax = 64;
const int64Min = -(2n ** 64n);
const uint64Max = 2n ** 64n - 1n;
const hexByte = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

/**
 * Text for the prelude's decode: plain JSON, or "~" then JSON when it holds byte strings, bigints or
 * escaped keys and so needs the prelude's second pass.
 */
export function wireFromCbor(value: CborValue | undefined): string {
  const marks = { tagged: false };
  const text = encodeWire(value, 0, marks);
  return marks.tagged ? `~${text}` : text;
}

function encodeWire(value: CborValue | undefined, depth: number, marks: { tagged: boolean }): string {
  if (depth > nestingDepthMax) throw new WireRefusal("CONTRACT_VALUE_INVALID", `a value nested deeper than ${nestingDepthMax} levels`);
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isSafeInteger(value) || Object.is(value, -0)) throw new WireRefusal("CONTRACT_FLOAT_REFUSED", `only safe integers cross the contract boundary, not ${Object.is(value, -0) ? "-0" : value}`);
      return String(value);
    case "bigint":
      marks.tagged = true;
      return `{"\\u0000n":"${value}"}`;
    case "object": {
      if (value === null) return "null";
      if (value instanceof Uint8Array) {
        marks.tagged = true;
        let hex = "";
        for (const byte of value) hex += hexByte[byte];
        return `{"\\u0000b":"${hex}"}`;
      }
      if (Array.isArray(value)) {
        let text = "[";
        for (let index = 0; index < value.length; index++) text += (index === 0 ? "" : ",") + encodeWire(value[index] as CborValue, depth + 1, marks);
        return `${text}]`;
      }
      let text = "{";
      for (const key of Object.keys(value)) {
        const escaped = key.charCodeAt(0) === 0;
        if (escaped) marks.tagged = true;
        text += (text.length === 1 ? "" : ",") + JSON.stringify(escaped ? `\u0000${key}` : key) + ":" + encodeWire((value as { readonly [key: string]: CborValue })[key], depth + 1, marks);
      }
      return `${text}}`;
    }
    default:
      throw new WireRefusal("CONTRACT_VALUE_INVALID", `a value of type ${typeof value} cannot cross the contract boundary`);
  }
}

export function cborFromWire(text: string): CborValue {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new WireRefusal("CONTRACT_VALUE_INVALID", "malformed value from the contract");
  }
  return checked(parsed, 0);
}

/**
 * Checks a freshly parsed value and turns tagged objects into byte strings and bigints. The parse
 * made every object and array, and nothing else holds them, so they are checked and completed in
 * place; only an object with escaped keys is rebuilt.
 */
function checked(value: unknown, depth: number): CborValue {
  if (depth > nestingDepthMax) throw new WireRefusal("CONTRACT_VALUE_INVALID", `a value nested deeper than ${nestingDepthMax} levels`);
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      if (!Number.isSafeInteger(value) || Object.is(value, -0)) throw new WireRefusal("CONTRACT_FLOAT_REFUSED", `only safe integers cross the contract boundary, not ${Object.is(value, -0) ? "-0" : value}`);
      return value;
    case "object": {
      if (value === null) return null;
      if (Array.isArray(value)) {
        const items = value as unknown[];
        for (let index = 0; index < items.length; index++) items[index] = checked(items[index], depth + 1);
        return items as CborValue;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record);
      if (keys.length === 1 && keys[0] === bytesTag) return bytesFromHex(record[bytesTag]);
      if (keys.length === 1 && keys[0] === bigintTag) return bigintFromDecimal(record[bigintTag]);
      let escaped = false;
      for (const key of keys) {
        if (key.charCodeAt(0) === 0) escaped = true;
        record[key] = checked(record[key], depth + 1);
      }
      if (!escaped) return record as CborValue;
      return Object.fromEntries(keys.map((key) => [key.charCodeAt(0) === 0 ? key.slice(1) : key, record[key]])) as CborValue;
    }
    default:
      throw new WireRefusal("CONTRACT_VALUE_INVALID", "malformed value from the contract");
  }
}

function bytesFromHex(hex: unknown): Uint8Array {
  if (typeof hex !== "string" || !/^(?:[0-9a-f]{2})*$/.test(hex)) throw new WireRefusal("CONTRACT_VALUE_INVALID", "malformed byte string from the contract");
  return Uint8Array.from(Buffer.from(hex, "hex"));
}

function bigintFromDecimal(decimal: unknown): bigint {
  if (typeof decimal !== "string" || !/^-?(?:0|[1-9][0-9]*)$/.test(decimal)) throw new WireRefusal("CONTRACT_VALUE_INVALID", "malformed bigint from the contract");
  const value = BigInt(decimal);
  if (value < int64Min || value > uint64Max) throw new WireRefusal("CONTRACT_VALUE_INVALID", "a bigint outside CBOR's 64-bit integers cannot cross the contract boundary");
  return value;
}
