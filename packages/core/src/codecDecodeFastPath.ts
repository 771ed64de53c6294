/*
 * A one-pass CBOR decoder for input that is already in canonical form (RFC 8949 §4.2.1 as Kexin
 * applies it): shortest-form heads, maps with text keys in strictly increasing bytewise order of
 * their encodings, integers, text that is valid UTF-8 not starting with U+FEFF, byte strings,
 * arrays, true, false and null, nested at most the given depth, and nothing after the value. It
 * checks all of that while it builds the value, so canonical input needs neither the separate
 * canonical-form walk nor cborg's token stream.
 *
 * It gives up (returns undefined) on anything else — floats, tags, undefined, indefinite lengths,
 * non-text keys, keys out of order or repeated, bad UTF-8, truncated or trailing bytes, nesting
 * past the bound — and codec.ts then takes the cborg path, which decodes such input or words its
 * error. So this file never decides what is refused, and it returns a value only where every
 * decode function of codec.ts would return that same value (codecDecodeFastPath.test.ts checks
 * that against the cborg path on generated values and mutated encodings). It builds values the
 * way cborg does: byte strings are copies, integers beyond ±(2^53−1) are bigint, and a
 * "__proto__" key becomes an own property.
 */
import type { CborValue } from "./codec.ts";

class NotCanonical {}

const utf8 = new TextDecoder("utf-8", { fatal: true });
/**
 * Map keys come from a few schemas, so short ones are remembered by their bytes: a hit returns
 * the same string as last time, already internalized as a property name, instead of building and
 * hashing a new one. Only speed depends on the cache; the key's bytes are compared in full.
 */
const keyCacheSlotBits = 10;
const keyCacheSlots = 1 << keyCacheSlotBits;
const keyCacheLengthMax = 24;
const keyCacheBytes: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(keyCacheSlots).fill(undefined);
const keyCacheTexts: string[] = new Array<string>(keyCacheSlots).fill("");
/** Shorter ASCII text is built character by character; longer text is cheaper through TextDecoder. */
const asciiLoopLengthMax = 32;
const empty = new Uint8Array(0);

let data: Uint8Array = empty;
let position = 0;
let nestingDepthLimit = 0;

/** The value of canonical CBOR `bytes`; undefined for anything else, which the cborg path must decode (or refuse). */
export function decodeCanonicalValue(bytes: Uint8Array, nestingDepthMax: number): CborValue | undefined {
  // A Buffer's slice is a view; read through a plain Uint8Array so byte strings come out as copies.
  data = bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  position = 0;
  nestingDepthLimit = nestingDepthMax;
  try {
    const value = readItem(0);
    return position === data.length ? value : undefined;
  } catch (error) {
    if (error instanceof NotCanonical) return undefined;
    throw error;
  } finally {
    data = empty;
  }
}

function readItem(depth: number): CborValue {
  if (position >= data.length) throw new NotCanonical();
  const initial = data[position++]!;
  const major = initial >> 5;
  const minor = initial & 31;
  switch (major) {
    case 0:
      return minor === 27 ? readUint64() : readArgument(minor);
    case 1:
      return negative(minor === 27 ? readUint64() : readArgument(minor));
    case 2: {
      const end = contentEnd(readArgument(minor));
      const bytes = data.slice(position, end);
      position = end;
      return bytes;
    }
    case 3:
      return readText(readArgument(minor));
    case 4:
      return readArray(readArgument(minor), depth + 1);
    case 5:
      return readMap(readArgument(minor), depth + 1);
    case 7:
      if (initial === 0xf4) return false;
      if (initial === 0xf5) return true;
      if (initial === 0xf6) return null;
      throw new NotCanonical();
    default:
      throw new NotCanonical();
  }
}

/** A head's argument below 2^32, refusing any longer form than needed. */
function readArgument(minor: number): number {
  if (minor < 24) return minor;
  const at = position;
  let value: number;
  if (minor === 24) {
    if (at + 1 > data.length) throw new NotCanonical();
    value = data[at]!;
    position = at + 1;
    if (value < 24) throw new NotCanonical();
  } else if (minor === 25) {
    if (at + 2 > data.length) throw new NotCanonical();
    value = (data[at]! << 8) | data[at + 1]!;
    position = at + 2;
    if (value < 0x100) throw new NotCanonical();
  } else if (minor === 26) {
    if (at + 4 > data.length) throw new NotCanonical();
    value = readUint32(at);
    position = at + 4;
    if (value < 0x10000) throw new NotCanonical();
  } else {
    // 8-byte lengths cannot fit in memory; 28–31 are reserved or indefinite.
    throw new NotCanonical();
  }
  return value;
}

/** An 8-byte argument as cborg returns it: a number when safe, else bigint. */
function readUint64(): number | bigint {
  const at = position;
  if (at + 8 > data.length) throw new NotCanonical();
  const high = readUint32(at);
  const low = readUint32(at + 4);
  position = at + 8;
  if (high === 0) throw new NotCanonical();
  if (high < 0x200000) return high * 2 ** 32 + low;
  return (BigInt(high) << 32n) | BigInt(low);
}

function readUint32(at: number): number {
  return data[at]! * 2 ** 24 + ((data[at + 1]! << 16) | (data[at + 2]! << 8) | data[at + 3]!);
}

/** −1 − n, which leaves the safe range only at n = 2^53 − 1. */
function negative(argument: number | bigint): number | bigint {
  if (typeof argument === "bigint") return -1n - argument;
  return argument < Number.MAX_SAFE_INTEGER ? -1 - argument : -1n - BigInt(argument);
}

function contentEnd(length: number): number {
  if (length > data.length - position) throw new NotCanonical();
  return position + length;
}

function readText(length: number): string {
  const start = position;
  const end = contentEnd(length);
  position = end;
  let ascii = true;
  for (let at = start; at < end; at++) {
    if (data[at]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    if (length > asciiLoopLengthMax) return utf8.decode(data.subarray(start, end));
    let text = "";
    for (let at = start; at < end; at++) text += String.fromCharCode(data[at]!);
    return text;
  }
  // A leading byte-order mark would be dropped by decoding, so the text could not round-trip.
  if (length >= 3 && data[start] === 0xef && data[start + 1] === 0xbb && data[start + 2] === 0xbf) throw new NotCanonical();
  try {
    return utf8.decode(data.subarray(start, end));
  } catch {
    throw new NotCanonical();
  }
}

function readKey(length: number): string {
  if (length > keyCacheLengthMax) return readText(length);
  const start = position;
  const end = contentEnd(length);
  let hash = length;
  for (let at = start; at < end; at++) hash = Math.imul(hash ^ data[at]!, 0x9e3779b1);
  const slot = hash >>> (32 - keyCacheSlotBits);
  const cached = keyCacheBytes[slot];
  if (cached !== undefined && cached.length === length) {
    let same = true;
    for (let offset = 0; offset < length; offset++) {
      if (cached[offset] !== data[start + offset]) {
        same = false;
        break;
      }
    }
    if (same) {
      position = end;
      return keyCacheTexts[slot]!;
    }
  }
  const text = readText(length);
  keyCacheBytes[slot] = data.slice(start, end);
  keyCacheTexts[slot] = text;
  return text;
}

function readArray(length: number, depth: number): CborValue[] {
  if (depth > nestingDepthLimit || length > data.length - position) throw new NotCanonical();
  const items: CborValue[] = [];
  for (let index = 0; index < length; index++) items.push(readItem(depth));
  return items;
}

function readMap(entries: number, depth: number): Record<string, CborValue> {
  if (depth > nestingDepthLimit || entries > (data.length - position) / 2) throw new NotCanonical();
  const map: Record<string, CborValue> = {};
  let previousKeyStart = -1;
  let previousKeyEnd = -1;
  for (let index = 0; index < entries; index++) {
    const keyStart = position;
    if (keyStart >= data.length || data[keyStart]! >> 5 !== 3) throw new NotCanonical();
    position++;
    const key = readKey(readArgument(data[keyStart]! & 31));
    const keyEnd = position;
    if (previousKeyStart >= 0 && !rangeFollows(previousKeyStart, previousKeyEnd, keyStart, keyEnd)) throw new NotCanonical();
    previousKeyStart = keyStart;
    previousKeyEnd = keyEnd;
    const value = readItem(depth);
    if (key === "__proto__") Object.defineProperty(map, key, { value, configurable: true, enumerable: true, writable: true });
    else map[key] = value;
  }
  return map;
}

/** Whether bytes [bStart, bEnd) sort strictly after [aStart, aEnd), bytewise. */
function rangeFollows(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  const aLength = aEnd - aStart;
  const bLength = bEnd - bStart;
  const length = aLength < bLength ? aLength : bLength;
  for (let offset = 0; offset < length; offset++) {
    const difference = data[bStart + offset]! - data[aStart + offset]!;
    if (difference !== 0) return difference > 0;
  }
  return bLength > aLength;
}
