/*
 * A direct CBOR encoder for the values Kexin hashes, signs and stores most often: maps with ASCII
 * text keys, ASCII text, byte strings, safe integers, booleans, null and arrays. It writes bytes in
 * one pass into a reused buffer, without cborg's intermediate tokens and per-map sorting copies;
 * for a transaction result it takes under half of cborg's time.
 *
 * It gives up (returns undefined) on anything outside that subset — non-ASCII text, bigint,
 * undefined, non-plain objects, deep nesting — and codec.ts then takes the cborg path, which
 * encodes such values or words the error. So this file never decides what is encodable; it only
 * has to produce exactly cborg's bytes for what it accepts (codecFastPath.test.ts checks that
 * against cborg on generated values).
 */

/** Nesting deeper than this goes to cborg. */
const depthMax = 64;
/** The encoder starts with this much room and grows by doubling. */
const scratchBytesInitial = 64 * 1024;
/**
 * Room it keeps between calls once grown: a whole block (8 MiB of transactions at most) is encoded
 * several times per height, and growing a fresh buffer for each costs fresh pages every time.
 */
const scratchBytesKept = 16 * 1024 * 1024;

let scratch = new Uint8Array(scratchBytesInitial);
let written = 0;
let encoding = false;

/** The canonical CBOR of a value in the common subset; undefined for anything else, which cborg must encode (or refuse). */
export function encodeCommonValue(value: unknown): Uint8Array | undefined {
  // A getter that encodes while we encode would share the scratch buffer.
  if (encoding) return undefined;
  encoding = true;
  written = 0;
  try {
    return writeItem(value, 0) ? scratch.slice(0, written) : undefined;
  } finally {
    encoding = false;
    if (scratch.length > scratchBytesKept) scratch = new Uint8Array(scratchBytesInitial);
  }
}

function reserve(bytes: number): void {
  if (written + bytes <= scratch.length) return;
  let capacity = scratch.length * 2;
  while (capacity < written + bytes) capacity *= 2;
  const grown = new Uint8Array(capacity);
  grown.set(scratch.subarray(0, written));
  scratch = grown;
}

function writeHead(major: number, argument: number): void {
  reserve(9);
  const out = scratch;
  const shifted = major << 5;
  if (argument < 24) {
    out[written++] = shifted | argument;
  } else if (argument < 0x100) {
    out[written++] = shifted | 24;
    out[written++] = argument;
  } else if (argument < 0x10000) {
    out[written++] = shifted | 25;
    out[written++] = argument >> 8;
    out[written++] = argument & 0xff;
  } else if (argument < 2 ** 32) {
    out[written++] = shifted | 26;
    writeUint32(argument);
  } else {
    out[written++] = shifted | 27;
    writeUint32(Math.floor(argument / 2 ** 32));
    writeUint32(argument % 2 ** 32);
  }
}

function writeUint32(value: number): void {
  const out = scratch;
  out[written++] = value >>> 24;
  out[written++] = (value >>> 16) & 0xff;
  out[written++] = (value >>> 8) & 0xff;
  out[written++] = value & 0xff;
}

function writeItem(value: unknown, depth: number): boolean {
  if (depth > depthMax) return false;
  switch (typeof value) {
    case "number":
      if (!Number.isSafeInteger(value)) return false;
      if (value >= 0) writeHead(0, value);
      else writeHead(1, -1 - value);
      return true;
    case "string":
      return writeAscii(value);
    case "boolean":
      reserve(1);
      scratch[written++] = value ? 0xf5 : 0xf4;
      return true;
    case "object":
      if (value === null) {
        reserve(1);
        scratch[written++] = 0xf6;
        return true;
      }
      if (value instanceof Uint8Array) {
        writeHead(2, value.length);
        reserve(value.length);
        scratch.set(value, written);
        written += value.length;
        return true;
      }
      if (Array.isArray(value)) {
        writeHead(4, value.length);
        for (const item of value) if (!writeItem(item, depth + 1)) return false;
        return true;
      }
      return writeMap(value as Record<string, unknown>, depth);
    default:
      return false;
  }
}

function writeAscii(text: string): boolean {
  const length = text.length;
  writeHead(3, length);
  reserve(length);
  const out = scratch;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x80) return false;
    out[written + index] = code;
  }
  written += length;
  return true;
}

/** Shorter keys first, then bytewise: for ASCII keys, RFC 8949's order of their encodings. */
function compareKeys(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function writeMap(map: Record<string, unknown>, depth: number): boolean {
  const prototype = Object.getPrototypeOf(map);
  if (prototype !== Object.prototype && prototype !== null) return false;
  const keys = Object.keys(map);
  keys.sort(compareKeys);
  writeHead(5, keys.length);
  for (const key of keys) {
    const item = map[key];
    if (item === undefined || !writeAscii(key) || !writeItem(item, depth + 1)) return false;
  }
  return true;
}
