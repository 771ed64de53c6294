import assert from "node:assert/strict";
import { test } from "node:test";
import { type CborValue, encodeCanonical } from "@kexin/core";
import { canonicalIntegerBytes, canonicalSizeBytes } from "../../src/modules/contracts/sandbox/cborSize.ts";

const heads = [0, 23, 24, 255, 256, 65_535, 65_536, 2 ** 32 - 1, 2 ** 32, Number.MAX_SAFE_INTEGER];

test("behavior: a safe integer's size is its canonical CBOR's length, at every head width", () => {
  const integers = [...heads, ...heads.map((n) => -1 - n).filter((n) => n >= -Number.MAX_SAFE_INTEGER), -0];
  for (const n of integers) {
    assert.equal(canonicalIntegerBytes(n), encodeCanonical(n).length, `integer ${n}`);
    assert.equal(canonicalSizeBytes(n), encodeCanonical(n).length, `integer ${n}`);
  }
});

const texts = ["", "a", "balance/0123456789abcdef0123456789abcdef01234567", "x".repeat(23), "y".repeat(24), "z".repeat(300), "caf\u00e9", "\u20ac", "\ud83d\ude00", "a\u0000b"];
const scalars: CborValue[] = [
  ...heads,
  ...heads.map((n) => -1 - n).filter((n) => n >= -Number.MAX_SAFE_INTEGER),
  ...texts,
  true,
  false,
  null,
  ...[0, 1, 23, 24, 256].map((length) => new Uint8Array(length)),
  ...[0n, 5n, -(2n ** 40n), 2n ** 63n, -(2n ** 64n), 2n ** 64n - 1n],
];

/** Every scalar, alone, in arrays and maps of each width class, and nested a level deeper. */
function values(): CborValue[] {
  const arrays = [[], ...scalars.map((scalar) => [scalar, scalar]), scalars, Array.from({ length: 24 }, (_, index) => index)];
  const maps = [{}, ...scalars.map((scalar, index) => ({ [texts[index % texts.length] as string]: scalar, k: 1 })), Object.fromEntries(scalars.map((scalar, index) => [`key${index}`, scalar]))];
  const nested = [...arrays.map((array) => ({ array, n: [array] })), ...maps.map((map) => [map, { map }])];
  return [...scalars, ...arrays, ...maps, ...nested];
}

test("behavior: any value's size is its canonical CBOR's length, measured or encoded", () => {
  for (const value of values()) {
    assert.equal(canonicalSizeBytes(value), encodeCanonical(value).length, JSON.stringify(value, (_, item: unknown) => (typeof item === "bigint" ? `${item}n` : item instanceof Uint8Array ? `bytes(${item.length})` : item)));
  }
  let deep: CborValue = 1;
  for (let level = 0; level < 70; level++) deep = [deep];
  assert.equal(canonicalSizeBytes(deep), encodeCanonical(deep).length);
});
