import assert from "node:assert/strict";
import { test } from "node:test";
import { fromHex, toHex } from "../src/bytes.ts";
import { decodeBounded, decodeCanonical, decodeTrusted, encodeCanonical } from "../src/codec.ts";
import { decodeBoundedCborg, decodeCanonicalCborg, decodeTrustedCborg } from "../src/codecCborgDecode.ts";
import { decodeCanonicalValue } from "../src/codecDecodeFastPath.ts";
import { protocolLimits } from "../src/limits.ts";

/** KEXIN_CODEC_SEED=<n> reruns the generated cases from a reported seed. */
const baseSeed = Number(process.env.KEXIN_CODEC_SEED ?? 20_261_208);
const cases = 12_000;

/** xorshift32: small, seeded, and enough to spread values and mutations. */
function generator(seed: number): (bound: number) => number {
  let state = (seed >>> 0) || 1;
  return (bound) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state % bound;
  };
}

const integerEdges = [0, 1, 23, 24, 255, 256, 65_535, 65_536, 2 ** 32 - 1, 2 ** 32, Number.MAX_SAFE_INTEGER - 1, Number.MAX_SAFE_INTEGER];
const bigintEdges = [2n ** 53n - 1n, 2n ** 53n, 2n ** 63n, 2n ** 64n - 1n, -(2n ** 53n) + 1n, -(2n ** 53n), -(2n ** 53n) - 1n, -(2n ** 64n)];
const bigintMax = 2n ** 64n - 1n;
const bigintMin = -(2n ** 64n);
const words = ["a", "b", "aa", "", "é", "名", "可信", "😀", "\uFEFFk", "__proto__", "1", "0", "type", "nonce", "x".repeat(24), "y".repeat(40)];

function text(next: (bound: number) => number): string {
  switch (next(6)) {
    case 0:
      return words[next(words.length)]!;
    case 1:
      return "k".repeat(next(300));
    case 2:
      return Array.from({ length: next(50) }, () => String.fromCodePoint(next(2) === 0 ? next(0x80) : 0x80 + next(0x10ff7f))).join("");
    default:
      return Array.from({ length: next(12) }, () => String.fromCharCode(0x20 + next(0x5f))).join("");
  }
}

function value(next: (bound: number) => number, depth: number): unknown {
  switch (next(depth > 5 ? 6 : 9)) {
    case 0:
      return [true, false, null][next(3)];
    case 1: {
      const integer = integerEdges[next(integerEdges.length)]! - next(2);
      return next(2) === 0 ? integer : -integer;
    }
    case 2: {
      const integer = bigintEdges[next(bigintEdges.length)]! + BigInt(next(3)) - 1n;
      return integer > bigintMax ? bigintMax : integer < bigintMin ? bigintMin : integer;
    }
    case 3:
      return next(1_000_000) - 500_000;
    case 4:
    case 5:
      return text(next);
    case 6:
      return Uint8Array.from({ length: next(10) === 0 ? next(70_000) : next(40) }, () => next(256));
    case 7:
      return Array.from({ length: next(6) }, () => value(next, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: next(7) }, () => [text(next).slice(0, 30), value(next, depth + 1)]));
  }
}

function mutate(next: (bound: number) => number, original: Uint8Array): Uint8Array {
  const bytes = [...original];
  const mutations = 1 + next(3);
  for (let mutation = 0; mutation < mutations; mutation++) {
    const at = next(bytes.length + 1);
    switch (next(6)) {
      case 0:
        bytes[at] = (bytes[at] ?? 0) ^ (1 << next(8));
        break;
      case 1:
        bytes.splice(at, 1);
        break;
      case 2:
        bytes.splice(at, 0, next(256));
        break;
      case 3:
        bytes.length = at;
        break;
      default:
        bytes[at] = next(256);
    }
  }
  return Uint8Array.from(bytes);
}

/** A decode's result or its error, in a form assert.deepEqual compares exactly (prototypes included). */
function outcome(decode: () => unknown): unknown {
  try {
    return { value: decode() };
  } catch (error) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    return { error: error instanceof Error ? error.constructor.name : String(error), code, message };
  }
}

/** Each decode function of codec.ts against the cborg path it replaces, on one input. */
function assertSameAsCborg(bytes: Uint8Array, label: string): void {
  const sizeBytesMax = 1 << 20;
  const pairs: [string, () => unknown, () => unknown][] = [
    ["decodeCanonical", () => decodeCanonical(bytes, sizeBytesMax), () => decodeCanonicalCborg(bytes)],
    ["decodeBounded", () => decodeBounded(bytes, sizeBytesMax), () => decodeBoundedCborg(bytes)],
    ["decodeTrusted", () => decodeTrusted(bytes), () => decodeTrustedCborg(bytes)],
  ];
  for (const [name, fast, reference] of pairs) {
    assert.deepEqual(outcome(fast), outcome(reference), `${name} on ${toHex(bytes).slice(0, 400)} (${label})`);
  }
}

const isCanonical = (bytes: Uint8Array): boolean => (outcome(() => decodeCanonicalCborg(bytes)) as { value?: unknown }).value !== undefined;

test("behavior: every decode gives the cborg path's value for generated values of every shape", () => {
  let fast = 0;
  for (let index = 0; index < cases; index++) {
    const seed = baseSeed + index;
    const bytes = encodeCanonical(value(generator(seed), 0));
    assertSameAsCborg(bytes, `KEXIN_CODEC_SEED=${seed}`);
    // Canonical input must take the fast path; only text starting with U+FEFF is left to cborg.
    if (decodeCanonicalValue(bytes, protocolLimits.cborNestingDepthMax) !== undefined) fast++;
    else assert.ok(!isCanonical(bytes) || toHex(bytes).includes("efbbbf"), `fast path left canonical ${toHex(bytes).slice(0, 400)} (KEXIN_CODEC_SEED=${seed})`);
  }
  assert.ok(fast > cases * 0.8, `only ${fast} of ${cases} took the fast path`);
});

test("behavior: every decode gives the cborg path's value or error for mutated encodings", () => {
  const tally = new Map<string, number>();
  for (let index = 0; index < cases; index++) {
    const seed = baseSeed + cases + index;
    const next = generator(seed);
    const bytes = mutate(next, encodeCanonical(value(next, 0)));
    assertSameAsCborg(bytes, `KEXIN_CODEC_SEED=${seed - cases}`);
    const { code } = outcome(() => decodeCanonical(bytes)) as { code?: string };
    tally.set(code ?? "ok", (tally.get(code ?? "ok") ?? 0) + 1);
  }
  for (const code of ["ok", "CODEC_MALFORMED", "CODEC_NOT_CANONICAL"]) {
    assert.ok((tally.get(code) ?? 0) > 100, `the mutations reach outcome ${code} often enough to compare (${JSON.stringify([...tally])})`);
  }
});

test("vector: integer boundaries decode to the same number or bigint as cborg", () => {
  const expected: [string, number | bigint][] = [
    ["1b001fffffffffffff", Number.MAX_SAFE_INTEGER],
    ["1b0020000000000000", 2n ** 53n],
    ["1bffffffffffffffff", 2n ** 64n - 1n],
    ["3b001ffffffffffffe", -Number.MAX_SAFE_INTEGER],
    ["3b001fffffffffffff", -(2n ** 53n)],
    ["3bffffffffffffffff", -(2n ** 64n)],
    ["3a ffffffff".replace(" ", ""), -(2 ** 32)],
  ];
  for (const [hex, integer] of expected) {
    assert.deepEqual(decodeCanonicalValue(fromHex(hex), 64), integer, hex);
    assertSameAsCborg(fromHex(hex), hex);
  }
});

test("error: non-shortest heads, trailing bytes and refused simple values are left to the cborg path", () => {
  for (const hex of ["1817", "190017", "1a0000ffff", "1b00000000ffffffff", "3817", "5801ff", "780161", "9801ff", "b801616101", "0000", "f7", "f93c00", "fb3ff0000000000000", "c100", "9f00ff", "a2616201616102", "a2616101616101", "a10101", "61ff", "63efbbbf", "5f", "1c", "18"]) {
    assert.equal(decodeCanonicalValue(fromHex(hex), 64), undefined, hex);
    assertSameAsCborg(fromHex(hex), hex);
  }
});

test("behavior: nesting up to the bound takes the fast path and one level more is refused as before", () => {
  const depthMax = protocolLimits.cborNestingDepthMax;
  const nested = (depth: number, open: string): Uint8Array => fromHex(open.repeat(depth) + "00");
  assert.notEqual(decodeCanonicalValue(nested(depthMax, "81"), depthMax), undefined);
  assert.equal(decodeCanonicalValue(nested(depthMax + 1, "81"), depthMax), undefined);
  for (const bytes of [nested(depthMax, "81"), nested(depthMax + 1, "81"), nested(depthMax + 1, "a16161"), nested(200, "81")]) {
    assertSameAsCborg(bytes, `depth of ${toHex(bytes).slice(0, 8)}`);
  }
});

test("behavior: byte strings are copies, also from a Buffer, and __proto__ is an own key", () => {
  const encoded = encodeCanonical({ __proto__key: 1, data: new Uint8Array([1, 2, 3]) });
  const fromBuffer = decodeCanonical(Buffer.from(encoded)) as { data: Uint8Array };
  assert.equal(fromBuffer.data.constructor, Uint8Array);
  const input = Uint8Array.from(encodeCanonical(new Uint8Array([7, 8])));
  const decoded = decodeTrusted(input) as Uint8Array;
  decoded[0] = 0;
  assert.equal(input[1], 7);
  const protoKey = fromHex("a1695f5f70726f746f5f5f01");
  const withProto = decodeCanonical(protoKey) as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(withProto), Object.prototype);
  assert.deepEqual(Object.keys(withProto), ["__proto__"]);
  assertSameAsCborg(protoKey, "__proto__");
});
