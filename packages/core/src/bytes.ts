const hexAlphabet = "0123456789abcdef";

export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index] as number;
    out += hexAlphabet[byte >> 4]! + hexAlphabet[byte & 15]!;
  }
  return out;
}

const hexPattern = /^(?:[0-9a-fA-F]{2})*$/;

/** Decodes lower- or upper-case hex, with an optional 0x prefix; throws a RangeError naming the problem. */
export function fromHex(hex: string): Uint8Array {
  const digits = hex.startsWith("0x") ? hex.slice(2) : hex;
  if (!hexPattern.test(digits)) {
    throw new RangeError(
      digits.length % 2 === 1 ? "hex string has an odd number of digits" : "hex string has a character that is not a hex digit",
    );
  }
  const out = new Uint8Array(digits.length / 2);
  for (let index = 0; index < out.length; index++) {
    out[index] = Number.parseInt(digits.slice(index * 2, index * 2 + 2), 16);
  }
  return out;
}

export function isHex(value: unknown, byteLength?: number): value is string {
  if (typeof value !== "string" || !hexPattern.test(value)) return false;
  return byteLength === undefined || value.length === byteLength * 2;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

/** Bytewise lexicographic comparison, the order used wherever a hashed structure must be sorted. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const difference = (a[index] as number) - (b[index] as number);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder("utf-8", { fatal: true });

export function utf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

export function fromUtf8(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}
