/*
 * The parts of RFC 8949 §4.2.1 deterministic form that cborg's strict decoder leaves unchecked:
 * map keys in bytewise order of their encodings (no duplicates), text that is valid UTF-8 and does
 * not start with U+FEFF (a decoder drops it, so it cannot survive a round trip), and no
 * floating-point numbers; and the nesting bound of protocolLimits, which must hold before cborg
 * decodes, because cborg recurses once per level and an input nested a few thousand deep would
 * exhaust the stack. So this walk runs first, on bytes nobody has checked yet: it recurses at most
 * the bound deep, and it stops only at a head cborg refuses where it stands (reserved or
 * indefinite heads, tags, undefined, other simple values, a break, the end of input), so cborg
 * never decodes past the point the walk has checked. Shortest-form heads, text-only map keys and
 * duplicate keys stay cborg's job. It reads in place and allocates nothing on the common path,
 * unlike re-encoding the decoded value and comparing.
 */
import { CodecError } from "./errors.ts";

/**
 * Why CBOR is not canonical: "float" when it holds a floating-point number (integral ones are
 * non-canonical integers, others not allowed at all), "not well-formed" when the walk stopped at a
 * head cborg will refuse.
 */
export type CanonicalFormViolation = "float" | "map keys out of order" | "text is not valid UTF-8" | "text starts with a byte-order mark" | "not well-formed";

const utf8 = new TextDecoder("utf-8", { fatal: true });

class NotWellFormed {}

/** The first violation met in the current walk; later ones do not change the answer. */
let firstViolation: CanonicalFormViolation | undefined;
let nestingDepthLimit = 0;

/**
 * The first canonical-form violation in `bytes`, or undefined. Throws CODEC_NESTING_TOO_DEEP when
 * arrays and maps nest deeper than `nestingDepthMax` anywhere before the walk has to stop.
 */
export function canonicalFormViolation(bytes: Uint8Array, nestingDepthMax: number): CanonicalFormViolation | undefined {
  firstViolation = undefined;
  nestingDepthLimit = nestingDepthMax;
  try {
    if (skipItem(bytes, 0, 0) !== bytes.length) return "not well-formed";
    return firstViolation;
  } catch (error) {
    if (error instanceof NotWellFormed) return "not well-formed";
    throw error;
  }
}

function violation(reason: CanonicalFormViolation): void {
  if (firstViolation === undefined) firstViolation = reason;
}

/** The head's argument (for lengths and counts) and where the item's content starts. */
function readHead(bytes: Uint8Array, position: number): { argument: number; contentAt: number } {
  const minor = bytes[position]! & 31;
  if (minor < 24) return { argument: minor, contentAt: position + 1 };
  if (position + (1 << (minor - 24)) >= bytes.length || minor > 27) throw new NotWellFormed();
  if (minor === 24) return { argument: bytes[position + 1]!, contentAt: position + 2 };
  if (minor === 25) return { argument: (bytes[position + 1]! << 8) | bytes[position + 2]!, contentAt: position + 3 };
  if (minor === 26) return { argument: readUint32(bytes, position + 1), contentAt: position + 5 };
  return { argument: readUint32(bytes, position + 1) * 2 ** 32 + readUint32(bytes, position + 5), contentAt: position + 9 };
}

function readUint32(bytes: Uint8Array, position: number): number {
  return ((bytes[position]! << 24) >>> 0) + ((bytes[position + 1]! << 16) | (bytes[position + 2]! << 8) | bytes[position + 3]!);
}

function skipItem(bytes: Uint8Array, position: number, depth: number): number {
  const initial = bytes[position];
  if (initial === undefined) throw new NotWellFormed();
  const major = initial >> 5;
  if (major === 7) return skipSimple(bytes, position, initial);
  if (major === 6) throw new NotWellFormed();
  const { argument, contentAt } = readHead(bytes, position);
  switch (major) {
    case 0:
    case 1:
      return contentAt;
    case 2:
      return skipString(bytes, contentAt, argument);
    case 3: {
      const end = skipString(bytes, contentAt, argument);
      assertUtf8(bytes, contentAt, end);
      return end;
    }
    case 4: {
      assertNestingDepth(depth + 1, position);
      let next = contentAt;
      for (let index = 0; index < argument; index++) next = skipItem(bytes, next, depth + 1);
      return next;
    }
    default:
      assertNestingDepth(depth + 1, position);
      return skipMap(bytes, contentAt, argument, depth + 1);
  }
}

/** true, false and null are the only simple values allowed; floats are skipped and remembered. */
function skipSimple(bytes: Uint8Array, position: number, initial: number): number {
  if (initial === 0xf4 || initial === 0xf5 || initial === 0xf6) return position + 1;
  if (initial < 0xf9 || initial > 0xfb) throw new NotWellFormed();
  violation("float");
  const end = position + 1 + (1 << (initial - 0xf8));
  if (end > bytes.length) throw new NotWellFormed();
  return end;
}

function skipString(bytes: Uint8Array, contentAt: number, length: number): number {
  if (length > bytes.length - contentAt) throw new NotWellFormed();
  return contentAt + length;
}

function assertNestingDepth(depth: number, position: number): void {
  if (depth <= nestingDepthLimit) return;
  throw new CodecError(
    { code: "CODEC_NESTING_TOO_DEEP", nestingDepthMax: nestingDepthLimit, position },
    `CBOR arrays and maps nest more than ${nestingDepthLimit} deep (the limit) at byte ${position}`,
  );
}

function skipMap(bytes: Uint8Array, contentAt: number, entries: number, depth: number): number {
  let next = contentAt;
  let previousKeyStart = -1;
  let previousKeyEnd = -1;
  for (let index = 0; index < entries; index++) {
    const keyStart = next;
    const keyEnd = skipItem(bytes, keyStart, depth);
    if (previousKeyStart >= 0 && compareRanges(bytes, previousKeyStart, previousKeyEnd, keyStart, keyEnd) >= 0) {
      violation("map keys out of order");
    }
    previousKeyStart = keyStart;
    previousKeyEnd = keyEnd;
    next = skipItem(bytes, keyEnd, depth);
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
    violation("text starts with a byte-order mark");
    return;
  }
  for (let position = start; position < end; position++) {
    if (bytes[position]! >= 0x80) {
      try {
        utf8.decode(bytes.subarray(start, end));
      } catch {
        violation("text is not valid UTF-8");
      }
      return;
    }
  }
}
