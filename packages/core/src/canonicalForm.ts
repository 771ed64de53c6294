/*
 * The parts of RFC 8949 §4.2.1 deterministic form that cborg's strict decoder leaves unchecked:
 * map keys in bytewise order of their encodings (no duplicates), text that is valid UTF-8 and does
 * not start with U+FEFF (a decoder drops it, so it cannot survive a round trip), and no
 * floating-point numbers. Shortest-form heads, definite lengths, text-only map keys and the
 * absence of tags and other simple values are cborg's job; this walk runs only on bytes it has
 * already decoded, so it can trust their structure. It reads in place and allocates nothing on
 * the common path, unlike re-encoding the decoded value and comparing.
 */

/** Why well-formed CBOR is not canonical, or "float" when it holds a floating-point number. */
export type CanonicalFormViolation = "float" | "map keys out of order" | "text is not valid UTF-8" | "text starts with a byte-order mark";

const utf8 = new TextDecoder("utf-8", { fatal: true });

class Violation {
  constructor(readonly reason: CanonicalFormViolation) {}
}

/** Checks bytes cborg decoded successfully (strict, definite lengths, text keys, no tags). */
export function canonicalFormViolation(bytes: Uint8Array): CanonicalFormViolation | undefined {
  try {
    const end = skipItem(bytes, 0);
    if (end !== bytes.length) throw new Error(`canonical form check ended at ${end} of ${bytes.length} bytes`);
    return undefined;
  } catch (error) {
    if (error instanceof Violation) return error.reason;
    throw error;
  }
}

/** The head's argument (for lengths and counts) and where the item's content starts. */
function readHead(bytes: Uint8Array, position: number): { argument: number; contentAt: number } {
  const minor = bytes[position]! & 31;
  if (minor < 24) return { argument: minor, contentAt: position + 1 };
  if (minor === 24) return { argument: bytes[position + 1]!, contentAt: position + 2 };
  if (minor === 25) return { argument: (bytes[position + 1]! << 8) | bytes[position + 2]!, contentAt: position + 3 };
  if (minor === 26) return { argument: readUint32(bytes, position + 1), contentAt: position + 5 };
  if (minor === 27) return { argument: readUint32(bytes, position + 1) * 2 ** 32 + readUint32(bytes, position + 5), contentAt: position + 9 };
  throw new Error(`unexpected CBOR head 0x${bytes[position]!.toString(16)} at ${position}`);
}

function readUint32(bytes: Uint8Array, position: number): number {
  return ((bytes[position]! << 24) >>> 0) + ((bytes[position + 1]! << 16) | (bytes[position + 2]! << 8) | bytes[position + 3]!);
}

function skipItem(bytes: Uint8Array, position: number): number {
  const initial = bytes[position];
  if (initial === undefined) throw new Error(`CBOR item expected at ${position}`);
  const major = initial >> 5;
  if (major === 7) {
    if (initial === 0xf4 || initial === 0xf5 || initial === 0xf6) return position + 1;
    throw new Violation("float");
  }
  const { argument, contentAt } = readHead(bytes, position);
  switch (major) {
    case 0:
    case 1:
      return contentAt;
    case 2:
      return contentAt + argument;
    case 3:
      assertUtf8(bytes, contentAt, contentAt + argument);
      return contentAt + argument;
    case 4: {
      let next = contentAt;
      for (let index = 0; index < argument; index++) next = skipItem(bytes, next);
      return next;
    }
    case 5:
      return skipMap(bytes, contentAt, argument);
    default:
      throw new Error(`unexpected CBOR major type ${major} at ${position}`);
  }
}

function skipMap(bytes: Uint8Array, contentAt: number, entries: number): number {
  let next = contentAt;
  let previousKeyStart = -1;
  let previousKeyEnd = -1;
  for (let index = 0; index < entries; index++) {
    const keyStart = next;
    const keyEnd = skipItem(bytes, keyStart);
    if (previousKeyStart >= 0 && compareRanges(bytes, previousKeyStart, previousKeyEnd, keyStart, keyEnd) >= 0) {
      throw new Violation("map keys out of order");
    }
    previousKeyStart = keyStart;
    previousKeyEnd = keyEnd;
    next = skipItem(bytes, keyEnd);
  }
  return next;
}

function compareRanges(bytes: Uint8Array, aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  const length = Math.min(aEnd - aStart, bEnd - bStart);
  for (let offset = 0; offset < length; offset++) {
    const difference = bytes[aStart + offset]! - bytes[bStart + offset]!;
    if (difference !== 0) return difference;
  }
  return aEnd - aStart - (bEnd - bStart);
}

function assertUtf8(bytes: Uint8Array, start: number, end: number): void {
  if (end - start >= 3 && bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf) {
    throw new Violation("text starts with a byte-order mark");
  }
  for (let position = start; position < end; position++) {
    if (bytes[position]! >= 0x80) {
      try {
        utf8.decode(bytes.subarray(start, end));
      } catch {
        throw new Violation("text is not valid UTF-8");
      }
      return;
    }
  }
}
