import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeBounded, decodeCanonical } from "../src/codec.ts";
import { CodecError } from "../src/errors.ts";
import { protocolLimits } from "../src/limits.ts";

const limit = protocolLimits.cborNestingDepthMax;

/** `depth` one-element arrays (0x81) or one-entry maps with key "a" (0xa1 0x61 0x61) around a 0. */
function nested(kind: "array" | "map", depth: number): Uint8Array {
  const open = kind === "array" ? [0x81] : [0xa1, 0x61, 0x61];
  const bytes = new Uint8Array(depth * open.length + 1);
  for (let level = 0; level < depth; level++) bytes.set(open, level * open.length);
  return bytes;
}

function nestingRefusal(run: () => unknown): CodecError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof CodecError, `expected a CodecError, got ${String(error)}`);
    assert.equal(error.code, "CODEC_NESTING_TOO_DEEP", error.message);
    return error;
  }
  assert.fail("expected the nesting to be refused");
}

function depthOf(value: unknown): number {
  let depth = 0;
  for (let current = value; typeof current === "object" && current !== null; depth++) {
    current = Array.isArray(current) ? current[0] : (current as Record<string, unknown>).a;
  }
  return depth;
}

for (const kind of ["array", "map"] as const) {
  test(`default: ${kind}s nested exactly ${limit} deep decode`, () => {
    assert.equal(depthOf(decodeCanonical(nested(kind, limit))), limit);
    assert.equal(depthOf(decodeBounded(nested(kind, limit), Number.MAX_SAFE_INTEGER)), limit);
  });

  test(`error: ${kind}s nested ${limit + 1}, 10,000 and 1,000,000 deep are refused with CODEC_NESTING_TOO_DEEP naming the limit`, () => {
    for (const depth of [limit + 1, 10_000, 1_000_000]) {
      const bytes = nested(kind, depth);
      const started = performance.now();
      const error = nestingRefusal(() => decodeCanonical(bytes));
      assert.match(error.message, new RegExp(`more than ${limit} deep`));
      assert.deepEqual(error.type, { code: "CODEC_NESTING_TOO_DEEP", nestingDepthMax: limit, position: limit * (kind === "array" ? 1 : 3) });
      nestingRefusal(() => decodeBounded(bytes, Number.MAX_SAFE_INTEGER));
      // The walk stops at the first level past the bound, so the refusal costs the same at any depth.
      assert.ok(performance.now() - started < 100, `refusing ${depth} deep took ${Math.round(performance.now() - started)} ms`);
    }
  });
}

test("error: the bound counts map keys too, and arrays and maps mixed", () => {
  // { [[…65 deep…]]: 0 }: a key nested past the bound is refused before cborg refuses non-text keys.
  const deepKey = new Uint8Array([0xa1, ...nested("array", limit), 0x00]);
  nestingRefusal(() => decodeCanonical(deepKey));
  const mixed = new Uint8Array(limit + 2);
  for (let level = 0; level <= limit; level++) mixed[level] = level % 2 === 0 ? 0x81 : 0xa1;
  // Every map here has one entry whose key would be the next container: still 65 containers deep.
  nestingRefusal(() => decodeCanonical(mixed));
});

test("behavior: a deep value after a non-canonical part is still refused for its depth, not decoded", () => {
  // { "b": 0, "a": [[…]] } has its keys out of order; the walk goes on and meets the depth.
  const deep = nested("array", 10_000);
  const bytes = new Uint8Array([0xa2, 0x61, 0x62, 0x00, 0x61, 0x61, ...deep]);
  nestingRefusal(() => decodeCanonical(bytes));
});
