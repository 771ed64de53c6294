import { type CborValue, encodeCanonical } from "@kexin/core";

/** Deeper values are measured by encoding them. */
const depthMax = 64;

/** The length of a CBOR head (RFC 8949 §4.2.1: its shortest form) carrying this argument. */
function headBytes(argument: number): number {
  return argument < 24 ? 1 : argument < 0x100 ? 2 : argument < 0x10000 ? 3 : argument < 2 ** 32 ? 5 : 9;
}

/** The length of a safe integer's canonical CBOR, without encoding it. */
export function canonicalIntegerBytes(value: number): number {
  return headBytes(value >= 0 ? value : -1 - value);
}

/**
 * The length of a value's canonical CBOR. Sizes are what the limits and the gas for stored,
 * emitted and returned values are counted in; the chain encodes those values again later, so for
 * what contracts exchange most (ASCII text, safe integers, byte strings, booleans, null, arrays
 * and plain objects) the length is summed without encoding, and map keys need no sorting for it.
 * Anything else is measured by encoding it.
 */
export function canonicalSizeBytes(value: CborValue): number {
  return commonSizeBytes(value, 0) ?? encodeCanonical(value).length;
}

function asciiTextBytes(text: string): number | undefined {
  // A UTF-16 unit outside ASCII takes more than one byte, so equal lengths mean ASCII.
  return Buffer.byteLength(text, "utf8") === text.length ? headBytes(text.length) + text.length : undefined;
}

function commonSizeBytes(value: unknown, depth: number): number | undefined {
  if (depth > depthMax) return undefined;
  switch (typeof value) {
    case "number":
      return Number.isSafeInteger(value) ? canonicalIntegerBytes(value) : undefined;
    case "string":
      return asciiTextBytes(value);
    case "boolean":
      return 1;
    case "object": {
      if (value === null) return 1;
      if (value instanceof Uint8Array) return headBytes(value.length) + value.length;
      if (Array.isArray(value)) {
        let total = headBytes(value.length);
        for (const item of value) {
          const itemBytes = commonSizeBytes(item, depth + 1);
          if (itemBytes === undefined) return undefined;
          total += itemBytes;
        }
        return total;
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return undefined;
      const keys = Object.keys(value);
      let total = headBytes(keys.length);
      for (const key of keys) {
        const item = (value as Record<string, unknown>)[key];
        const keyBytes = asciiTextBytes(key);
        const itemBytes = item === undefined ? undefined : commonSizeBytes(item, depth + 1);
        if (keyBytes === undefined || itemBytes === undefined) return undefined;
        total += keyBytes + itemBytes;
      }
      return total;
    }
    default:
      return undefined;
  }
}
