const hexAlphabet = "0123456789abcdef";

// Node's native encoder is several times faster on the per-transaction paths; browsers use the loop.
const nativeBuffer = (globalThis as { Buffer?: { from(buffer: ArrayBufferLike, offset: number, length: number): { toString(encoding: "hex"): string } } }).Buffer;

export function toHex(bytes: Uint8Array): string {
  if (nativeBuffer) return nativeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
  let out = "";
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index] as number;
    out += hexAlphabet[byte >> 4]! + hexAlphabet[byte & 15]!;
  }
  return out;
}

const hexPattern = /^(?:[0-9a-fA-F]{2})*$/;

// Value of each ASCII hex digit, -1 for anything else; transactions arrive as hex, so this is on the hot path.
const hexValues = new Int8Array(128).fill(-1);
for (let digit = 0; digit < 16; digit++) {
  hexValues[hexAlphabet.charCodeAt(digit)] = digit;
  hexValues["0123456789ABCDEF".charCodeAt(digit)] = digit;
}

/** Decodes lower- or upper-case hex, with an optional 0x prefix; throws a RangeError naming the problem. */
export function fromHex(hex: string): Uint8Array {
  const offset = hex.startsWith("0x") ? 2 : 0;
  const digits = hex.length - offset;
  if (digits % 2 === 1) throw new RangeError("hex string has an odd number of digits");
  const out = new Uint8Array(digits / 2);
  for (let index = 0; index < out.length; index++) {
    const high = hexValues[hex.charCodeAt(offset + index * 2)] ?? -1;
    const low = hexValues[hex.charCodeAt(offset + index * 2 + 1)] ?? -1;
    if (high < 0 || low < 0) throw new RangeError("hex string has a character that is not a hex digit");
    out[index] = (high << 4) | low;
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
