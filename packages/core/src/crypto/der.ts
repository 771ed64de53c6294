import { concatBytes } from "../bytes.ts";
/**
 * The slice of ASN.1 DER (ITU-T X.690) that PKCS#8 key files need: single-byte tags, definite
 * lengths, INTEGER, BIT STRING, OCTET STRING, OBJECT IDENTIFIER, SEQUENCE and context tags.
 * Decoding is strict: a non-minimal length or integer, an indefinite length or trailing bytes is
 * rejected with a RangeError whose message names the field and the problem.
 */

export const derTag = {
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  objectIdentifier: 0x06,
  sequence: 0x30,
} as const;

const contextClass = 0x80;
const constructedFlag = 0x20;
const highTagNumber = 0x1f;
/** Key files are small; four length bytes already allow 4 GiB. */
const lengthBytesMax = 4;

export function contextTag(tagNumber: number, constructed: boolean): number {
  return contextClass | (constructed ? constructedFlag : 0) | tagNumber;
}

function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return new Uint8Array([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return new Uint8Array([0x80 | bytes.length, ...bytes]);
}

export function derElement(tag: number, content: Uint8Array): Uint8Array {
  const length = encodeLength(content.length);
  const out = new Uint8Array(1 + length.length + content.length);
  out[0] = tag;
  out.set(length, 1);
  out.set(content, 1 + length.length);
  return out;
}

export function derSequence(...children: Uint8Array[]): Uint8Array {
  const content = concatBytes(...children);
  return derElement(derTag.sequence, content);
}

/** A non-negative INTEGER in its minimal two's-complement form. */
export function derInteger(value: bigint | number): Uint8Array {
  const big = BigInt(value);
  if (big < 0n) throw new RangeError("derInteger encodes non-negative integers only");
  let hex = big.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  // A leading byte with its top bit set would read as negative, so it gets a zero byte in front.
  if (Number.parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`;
  const content = new Uint8Array(hex.length / 2);
  for (let index = 0; index < content.length; index++) content[index] = Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  return derElement(derTag.integer, content);
}

export function derOctetString(bytes: Uint8Array): Uint8Array {
  return derElement(derTag.octetString, bytes);
}

/** A BIT STRING of whole bytes (no unused bits), as keys and signatures are. */
export function derBitString(bytes: Uint8Array): Uint8Array {
  const content = new Uint8Array(bytes.length + 1);
  content.set(bytes, 1);
  return derElement(derTag.bitString, content);
}

export function derObjectIdentifier(dotted: string): Uint8Array {
  const arcs = dotted.split(".").map((arc) => {
    if (!/^(?:0|[1-9][0-9]*)$/.test(arc)) throw new RangeError(`"${dotted}" is not a dotted object identifier`);
    return BigInt(arc);
  });
  const [first, second, ...rest] = arcs;
  if (first === undefined || second === undefined || first > 2n || (first < 2n && second > 39n)) {
    throw new RangeError(`"${dotted}" is not a valid object identifier`);
  }
  const bytes: number[] = [];
  for (const arc of [first * 40n + second, ...rest]) {
    const group: number[] = [Number(arc & 0x7fn)];
    for (let value = arc >> 7n; value > 0n; value >>= 7n) group.unshift(Number(value & 0x7fn) | 0x80);
    bytes.push(...group);
  }
  return derElement(derTag.objectIdentifier, new Uint8Array(bytes));
}

/** An explicitly tagged [tagNumber] wrapper around one element. */
export function derExplicit(tagNumber: number, child: Uint8Array): Uint8Array {
  return derElement(contextTag(tagNumber, true), child);
}

export interface DerElement {
  readonly tag: number;
  readonly content: Uint8Array;
}

function tagName(tag: number): string {
  const names: Record<number, string> = {
    [derTag.integer]: "INTEGER",
    [derTag.bitString]: "BIT STRING",
    [derTag.octetString]: "OCTET STRING",
    [derTag.objectIdentifier]: "OBJECT IDENTIFIER",
    [derTag.sequence]: "SEQUENCE",
  };
  const name = names[tag];
  if (name !== undefined) return name;
  if ((tag & 0xc0) === contextClass) return `[${tag & highTagNumber}]`;
  return `tag 0x${tag.toString(16).padStart(2, "0")}`;
}

function decodeObjectIdentifier(content: Uint8Array, what: string): string {
  if (content.length === 0) throw new RangeError(`${what}: empty OBJECT IDENTIFIER`);
  const arcs: bigint[] = [];
  let value = 0n;
  let groupStart = true;
  for (const byte of content) {
    if (groupStart && byte === 0x80) throw new RangeError(`${what}: OBJECT IDENTIFIER arc is not minimally encoded`);
    value = (value << 7n) | BigInt(byte & 0x7f);
    groupStart = (byte & 0x80) === 0;
    if (groupStart) {
      arcs.push(value);
      value = 0n;
    }
  }
  if (!groupStart) throw new RangeError(`${what}: OBJECT IDENTIFIER ends inside an arc`);
  const [head = 0n, ...rest] = arcs;
  const first = head < 40n ? 0n : head < 80n ? 1n : 2n;
  return [first, head - first * 40n, ...rest].join(".");
}

/** Reads consecutive elements from `bytes`; `what` names the enclosing structure in errors. */
export class DerReader {
  readonly #bytes: Uint8Array;
  readonly #what: string;
  #offset = 0;

  constructor(bytes: Uint8Array, what: string) {
    this.#bytes = bytes;
    this.#what = what;
  }

  get done(): boolean {
    return this.#offset >= this.#bytes.length;
  }

  peekTag(): number | undefined {
    return this.done ? undefined : this.#bytes[this.#offset];
  }

  read(what: string): DerElement {
    const bytes = this.#bytes;
    const where = `${this.#what}: ${what}`;
    if (this.done) throw new RangeError(`${where} is missing`);
    const tag = bytes[this.#offset] as number;
    if ((tag & highTagNumber) === highTagNumber) throw new RangeError(`${where} has a multi-byte tag`);
    let cursor = this.#offset + 1;
    if (cursor >= bytes.length) throw new RangeError(`${where} is truncated`);
    const first = bytes[cursor++] as number;
    let length = first;
    if (first === 0x80) throw new RangeError(`${where} has an indefinite length, which DER forbids`);
    if (first > 0x80) {
      const lengthBytes = first & 0x7f;
      if (lengthBytes > lengthBytesMax) throw new RangeError(`${where} is too long`);
      if (cursor + lengthBytes > bytes.length) throw new RangeError(`${where} is truncated`);
      if (bytes[cursor] === 0) throw new RangeError(`${where} has a length with a leading zero byte`);
      length = 0;
      for (let index = 0; index < lengthBytes; index++) length = length * 256 + (bytes[cursor++] as number);
      if (length < 0x80) throw new RangeError(`${where} uses the long length form for a short length`);
    }
    if (cursor + length > bytes.length) throw new RangeError(`${where} is truncated`);
    this.#offset = cursor + length;
    return { tag, content: bytes.subarray(cursor, cursor + length) };
  }

  expect(tag: number, what: string): Uint8Array {
    const element = this.read(what);
    if (element.tag !== tag) throw new RangeError(`${this.#what}: ${what} should be ${tagName(tag)}, found ${tagName(element.tag)}`);
    return element.content;
  }

  sequence(what: string): DerReader {
    return new DerReader(this.expect(derTag.sequence, what), what);
  }

  /** A non-negative INTEGER, minimally encoded. */
  integer(what: string): bigint {
    const content = this.expect(derTag.integer, what);
    const where = `${this.#what}: ${what}`;
    if (content.length === 0) throw new RangeError(`${where} is an empty INTEGER`);
    const [first = 0, second = 0] = content;
    if (content.length > 1 && ((first === 0x00 && second < 0x80) || (first === 0xff && second >= 0x80))) {
      throw new RangeError(`${where} is not minimally encoded`);
    }
    if (first >= 0x80) throw new RangeError(`${where} must not be negative`);
    let value = 0n;
    for (const byte of content) value = (value << 8n) | BigInt(byte);
    return value;
  }

  /** A non-negative INTEGER no larger than `max`, as a number. */
  smallInteger(what: string, max: number): number {
    const value = this.integer(what);
    if (value > BigInt(max)) throw new RangeError(`${this.#what}: ${what} is larger than ${max}`);
    return Number(value);
  }

  octetString(what: string): Uint8Array {
    return this.expect(derTag.octetString, what);
  }

  /** A BIT STRING of whole bytes. */
  bitString(what: string): Uint8Array {
    const content = this.expect(derTag.bitString, what);
    if (content.length === 0 || content[0] !== 0) throw new RangeError(`${this.#what}: ${what} must be a BIT STRING of whole bytes`);
    return content.subarray(1);
  }

  objectIdentifier(what: string): string {
    return decodeObjectIdentifier(this.expect(derTag.objectIdentifier, what), `${this.#what}: ${what}`);
  }

  /** The content of an optional element with this tag, or undefined when the next element has another tag. */
  optional(tag: number, what: string): Uint8Array | undefined {
    return this.peekTag() === tag ? this.expect(tag, what) : undefined;
  }

  end(): void {
    if (!this.done) throw new RangeError(`${this.#what}: unexpected data after the last field`);
  }
}

/** A reader over the content of the one SEQUENCE that spans all of `bytes`. */
export function derReadSequence(bytes: Uint8Array, what: string): DerReader {
  const outer = new DerReader(bytes, what);
  const reader = outer.sequence(what);
  outer.end();
  return reader;
}
