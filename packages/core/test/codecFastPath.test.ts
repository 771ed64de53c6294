import assert from "node:assert/strict";
import { test } from "node:test";
import { encode as cborEncode } from "cborg";
import { toHex } from "../src/bytes.ts";
import { encodeCanonical } from "../src/codec.ts";
import { encodeCommonValue } from "../src/codecFastPath.ts";
import { CodecError } from "../src/errors.ts";

/** A small seeded generator (mulberry32), so a failure names a case that can be run again. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 2 ** 32;
  };
}

const integerEdges = [0, 1, 23, 24, 255, 256, 65_535, 65_536, 2 ** 32 - 1, 2 ** 32, Number.MAX_SAFE_INTEGER];

function text(random: () => number, asciiOnly: boolean): string {
  const length = Math.floor(random() * (random() < 0.2 ? 300 : 30));
  let out = "";
  for (let index = 0; index < length; index++) {
    const pick = random();
    if (asciiOnly || pick < 0.9) out += String.fromCharCode(Math.floor(random() * 128));
    else if (pick < 0.95) out += "可信";
    else out += String.fromCharCode(0xd800 + Math.floor(random() * 0x800)); // lone surrogates too
  }
  return out;
}

function value(random: () => number, depth: number, asciiOnly: boolean): unknown {
  const pick = Math.floor(random() * (depth > 4 ? 6 : 8));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2: {
      const edge = integerEdges[Math.floor(random() * integerEdges.length)] as number;
      const near = edge + Math.floor(random() * 3) - 1;
      const integer = Number.isSafeInteger(near) ? near : edge;
      return random() < 0.5 ? integer : -integer;
    }
    case 3:
      return text(random, asciiOnly);
    case 4:
      return Uint8Array.from({ length: Math.floor(random() * (random() < 0.1 ? 70_000 : 100)) }, () => Math.floor(random() * 256));
    case 5:
      return random() < 0.1 ? BigInt(Math.floor(random() * 2 ** 50)) * 1024n : Math.floor(random() * 1000);
    case 6:
      return Array.from({ length: Math.floor(random() * 6) }, () => value(random, depth + 1, asciiOnly));
    default: {
      const map: Record<string, unknown> = {};
      const entries = Math.floor(random() * 7);
      for (let index = 0; index < entries; index++) map[text(random, asciiOnly).slice(0, 12)] = value(random, depth + 1, asciiOnly);
      return map;
    }
  }
}

test("behavior: the fast path writes exactly cborg's bytes for every value it accepts", () => {
  let accepted = 0;
  for (let seed = 1; seed <= 3_000; seed++) {
    const random = seeded(seed);
    const generated = value(random, 0, seed % 3 !== 0);
    const fast = encodeCommonValue(generated);
    if (fast === undefined) continue;
    accepted++;
    assert.equal(toHex(fast), toHex(cborEncode(generated)), `seed ${seed}`);
  }
  // Two thirds of the cases are ASCII-only; most of those stay on the fast path.
  assert.ok(accepted > 1_000, `only ${accepted} of 3000 values took the fast path`);
});

test("behavior: encodeCanonical gives cborg's bytes whichever path a value takes", () => {
  for (let seed = 10_001; seed <= 11_000; seed++) {
    const generated = value(seeded(seed), 0, false);
    assert.equal(toHex(encodeCanonical(generated)), toHex(cborEncode(generated)), `seed ${seed}`);
  }
});

test("behavior: values outside the common subset are left to cborg", () => {
  for (const outside of [1n, "可信", { key: "é" }, { ["ключ"]: 1 }, [undefined], { a: undefined }, 1.5, new Map(), new Date(0), Number.MAX_SAFE_INTEGER + 1]) {
    assert.equal(encodeCommonValue(outside), undefined, String(outside));
  }
  let deep: unknown = 1;
  for (let depth = 0; depth < 100; depth++) deep = [deep];
  assert.equal(encodeCommonValue(deep), undefined);
  assert.equal(toHex(encodeCanonical(deep)), toHex(cborEncode(deep)));
});

test("error: what the fast path leaves still gets cborg's refusal", () => {
  for (const refused of [{ a: undefined }, 1.5, new Map([["a", 1]]), { when: new Date(0) }]) {
    assert.throws(() => encodeCanonical(refused), CodecError);
  }
});

test("behavior: each result is its own copy; later encodes do not change it", () => {
  const first = encodeCanonical({ amount: 1, to: "a".repeat(40) });
  const copy = Uint8Array.from(first);
  encodeCanonical({ amount: 2, to: "b".repeat(40) });
  encodeCanonical(new Uint8Array(200_000));
  assert.deepEqual(first, copy);
  assert.equal(first.constructor, Uint8Array);
});

test("behavior: a getter that encodes while a value is encoded gets its own bytes", () => {
  const inner = { b: 2 };
  const outer = {
    get a(): Uint8Array {
      return encodeCanonical(inner);
    },
  };
  assert.equal(toHex(encodeCanonical({ x: outer.a, y: "z" })), toHex(cborEncode({ x: cborEncode(inner), y: "z" })));
  const withGetter = Object.defineProperty({}, "a", { enumerable: true, get: () => encodeCanonical(inner) });
  assert.equal(toHex(encodeCanonical(withGetter)), toHex(cborEncode({ a: cborEncode(inner) })));
});
