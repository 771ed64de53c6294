import assert from "node:assert/strict";
import { test } from "node:test";
import { decode as cborDecode, encode as cborEncode, rfc8949EncodeOptions } from "cborg";
import { fromHex, toHex } from "../src/bytes.ts";
import { decodeBounded, decodeCanonical, encodeCanonical } from "../src/codec.ts";
import { CodecError } from "../src/errors.ts";

const codeOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof CodecError, `expected a CodecError, got ${String(error)}`);
    return error.code;
  }
  assert.fail("expected an error");
};

test("vector: map keys sort bytewise (RFC 8949 §4.2.1)", () => {
  assert.equal(toHex(encodeCanonical({ b: 1, a: 2 })), "a2616102616201");
  // Shorter keys first, because the length is part of the encoded key.
  assert.equal(toHex(encodeCanonical({ aa: 1, b: 2 })), "a261620262616101");
});

test("vector: shortest integer and length forms", () => {
  assert.equal(toHex(encodeCanonical(23)), "17");
  assert.equal(toHex(encodeCanonical(24)), "1818");
  assert.equal(toHex(encodeCanonical(1000000)), "1a000f4240");
  assert.equal(toHex(encodeCanonical(-1)), "20");
  assert.equal(toHex(encodeCanonical(2n ** 64n - 1n)), "1bffffffffffffffff");
  assert.equal(toHex(encodeCanonical(new Uint8Array([1, 2]))), "420102");
  assert.equal(toHex(encodeCanonical("kexin")), "656b6578696e");
  assert.equal(toHex(encodeCanonical([1, [2, 3]])), "8201820203");
  assert.equal(toHex(encodeCanonical(null)), "f6");
  assert.equal(toHex(encodeCanonical(true)), "f5");
});

test("default: decoding returns what was encoded", () => {
  const value = { chainId: "kexin-dev", nonce: 7, payload: { list: [1, "two", null, false], bytes: new Uint8Array([9]) }, big: 2n ** 60n };
  assert.deepEqual(decodeCanonical(encodeCanonical(value)), value);
});

test("error: non-canonical encodings are refused", () => {
  assert.equal(codeOf(() => decodeCanonical(fromHex("a2616201616102"))), "CODEC_NOT_CANONICAL"); // keys out of order
  assert.equal(codeOf(() => decodeCanonical(fromHex("1817"))), "CODEC_MALFORMED"); // 23 in two bytes (strict mode)
  assert.equal(codeOf(() => decodeCanonical(fromHex("9f0102ff"))), "CODEC_MALFORMED"); // indefinite-length array
  assert.equal(codeOf(() => decodeCanonical(fromHex("f93c00"))), "CODEC_NOT_CANONICAL"); // 1.0 as a float
  assert.equal(codeOf(() => decodeCanonical(fromHex("f93e00"))), "CODEC_MALFORMED"); // 1.5: floats are not allowed
  assert.equal(codeOf(() => decodeCanonical(fromHex("a2616101616102"))), "CODEC_MALFORMED"); // duplicate key
  assert.equal(codeOf(() => decodeCanonical(fromHex("f7"))), "CODEC_MALFORMED"); // undefined
  assert.equal(codeOf(() => decodeCanonical(fromHex("c11a5f5e1000"))), "CODEC_MALFORMED"); // a tag
  assert.equal(codeOf(() => decodeCanonical(fromHex("0102"))), "CODEC_MALFORMED"); // trailing bytes
  assert.equal(codeOf(() => decodeCanonical(fromHex("62ffff"))), "CODEC_NOT_CANONICAL"); // invalid UTF-8 cannot round-trip
  assert.equal(codeOf(() => decodeCanonical(fromHex("63eda080"))), "CODEC_NOT_CANONICAL"); // an encoded surrogate is not UTF-8
  assert.equal(codeOf(() => decodeCanonical(fromHex("64efbbbf41"))), "CODEC_NOT_CANONICAL"); // a leading U+FEFF is dropped on decoding
  assert.equal(codeOf(() => decodeCanonical(fromHex("a26161016161"))), "CODEC_MALFORMED"); // a key without its value
  assert.equal(codeOf(() => decodeCanonical(fromHex(""))), "CODEC_MALFORMED");
  assert.equal(codeOf(() => decodeCanonical(fromHex("a1"))), "CODEC_MALFORMED"); // truncated
});

test("error: oversized input is refused before decoding", () => {
  assert.equal(codeOf(() => decodeCanonical(new Uint8Array(100), 99)), "CODEC_TOO_LARGE");
});

test("error: values that have no canonical encoding are refused when encoding", () => {
  assert.equal(codeOf(() => encodeCanonical(1.5)), "CODEC_MALFORMED");
  assert.equal(codeOf(() => encodeCanonical({ a: undefined })), "CODEC_MALFORMED");
  assert.equal(codeOf(() => encodeCanonical(new Date(0))), "CODEC_MALFORMED");
  assert.equal(codeOf(() => encodeCanonical(new Map())), "CODEC_MALFORMED");
});

test("behavior: the encoder's key order is RFC 8949 bytewise order for text keys of any length and script", () => {
  const keys = ["", "a", "b", "aa", "ab", "z".repeat(23), "y".repeat(24), "x".repeat(300), "é", "名称", "é", "ÿ", "\u0080", "~", "A", "Z0", "zz"];
  for (let rotation = 0; rotation < keys.length; rotation++) {
    const rotated = [...keys.slice(rotation), ...keys.slice(0, rotation)];
    const value = Object.fromEntries(rotated.map((key, index) => [key, { [key]: index }]));
    assert.deepEqual(encodeCanonical(value), cborEncode(value, rfc8949EncodeOptions));
  }
});

test("behavior: decodeBounded accepts a non-canonical envelope but keeps the size bound and malformed-input errors", () => {
  const unsorted = fromHex("a2616201616102");
  assert.throws(() => decodeCanonical(unsorted), (error: unknown) => error instanceof CodecError && error.code === "CODEC_NOT_CANONICAL", "the canonical decoder refuses unsorted keys");
  assert.deepEqual(decodeBounded(unsorted, 64), { b: 1, a: 2 }, "the bounded decoder reads them");
  assert.throws(() => decodeBounded(unsorted, 3), (error: unknown) => error instanceof CodecError && error.code === "CODEC_TOO_LARGE", "over the size bound");
  assert.throws(() => decodeBounded(fromHex("a261"), 64), (error: unknown) => error instanceof CodecError && error.code === "CODEC_MALFORMED", "truncated input");
});

/** What decodeCanonical did before its in-place check: decode strictly, re-encode, compare. */
function referenceOutcome(bytes: Uint8Array): string {
  let value: unknown;
  try {
    value = cborDecode(bytes, { strict: true, rejectDuplicateMapKeys: true, allowUndefined: false, allowIndefinite: false, allowNaN: false, allowInfinity: false, allowBigInt: true, useMaps: false });
  } catch {
    return "CODEC_MALFORMED";
  }
  try {
    return toHex(encodeCanonical(value)) === toHex(bytes) ? "ok" : "CODEC_NOT_CANONICAL";
  } catch (error) {
    return error instanceof CodecError ? error.code : "CODEC_MALFORMED";
  }
}

function outcome(bytes: Uint8Array): string {
  try {
    decodeCanonical(bytes);
    return "ok";
  } catch (error) {
    assert.ok(error instanceof CodecError, `decodeCanonical threw ${String(error)} for ${toHex(bytes)}`);
    return error.code;
  }
}

test("behavior: the canonical check agrees with decode-and-re-encode on 20,000 mutated encodings", () => {
  let seed = 0x9e3779b9;
  const next = (bound: number): number => {
    seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return seed % bound;
  };
  const keys = ["a", "b", "aa", "é", "\uFEFFk", "名", "x".repeat(24), "type", "nonce", "1", "__proto__"];
  const scalar = (): unknown => {
    switch (next(8)) {
      case 0: return next(30);
      case 1: return next(2 ** 31) * (next(2) === 0 ? 1 : -1);
      case 2: return BigInt(next(2 ** 31)) * 2n ** 32n + 2n ** 62n;
      case 3: return ["", "kexin", "\uFEFFbom", "中文", "x".repeat(40)][next(5)];
      case 4: return new Uint8Array(next(6)).map(() => next(256));
      case 5: return [true, false, null][next(3)];
      default: return next(1000);
    }
  };
  const value = (depth: number): unknown => {
    const kind = depth > 2 ? 0 : next(3);
    if (kind === 1) return Array.from({ length: next(4) }, () => value(depth + 1));
    if (kind === 2) return Object.fromEntries(Array.from({ length: next(4) }, () => [keys[next(keys.length)]!, value(depth + 1)]));
    return scalar();
  };
  const tally = new Map<string, number>();
  for (let round = 0; round < 20_000; round++) {
    const original = encodeCanonical(value(0));
    const bytes = Uint8Array.from(original);
    const mutations = 1 + next(2);
    for (let mutation = 0; mutation < mutations && bytes.length > 0; mutation++) {
      const at = next(bytes.length);
      bytes[at] = next(3) === 0 ? bytes[at]! ^ (1 << next(8)) : next(256);
    }
    const expected = referenceOutcome(bytes);
    assert.equal(outcome(bytes), expected, `outcome for ${toHex(bytes)} (from ${toHex(original)})`);
    tally.set(expected, (tally.get(expected) ?? 0) + 1);
  }
  for (const code of ["ok", "CODEC_MALFORMED", "CODEC_NOT_CANONICAL"]) {
    assert.ok((tally.get(code) ?? 0) > 100, `the mutations reach outcome ${code} often enough to compare (${JSON.stringify([...tally])})`);
  }
});
