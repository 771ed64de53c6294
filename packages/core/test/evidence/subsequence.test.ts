import assert from "node:assert/strict";
import { test } from "node:test";
import { utf8 } from "../../src/bytes.ts";
import { getSuite } from "../../src/crypto/index.ts";
import { LotteryStream } from "../../src/evidence/index.ts";
import { increasingSubsequenceMembership } from "../../src/evidence/subsequence.ts";

/** Every subset, checked directly: exponential, so only for short arrays. */
function bruteForce(values: readonly number[]): { longestLength: number; onEvery: number[]; onSome: number[] } {
  const longest: number[][] = [];
  let longestLength = 0;
  for (let mask = 0; mask < 1 << values.length; mask++) {
    const chosen = values.map((_, index) => index).filter((index) => (mask >> index) & 1);
    const increasing = chosen.every((index, step) => step === 0 || values[chosen[step - 1]!]! < values[index]!);
    if (!increasing) continue;
    if (chosen.length > longestLength) {
      longestLength = chosen.length;
      longest.length = 0;
    }
    if (chosen.length === longestLength) longest.push(chosen);
  }
  const onEvery = values.map((_, index) => (longest.every((chosen) => chosen.includes(index)) ? 1 : 0));
  const onSome = values.map((_, index) => (longest.some((chosen) => chosen.includes(index)) ? 1 : 0));
  return { longestLength, onEvery, onSome };
}

test("default: an increasing array lies wholly on its one longest subsequence", () => {
  const membership = increasingSubsequenceMembership([1, 2, 3, 4]);
  assert.equal(membership.longestLength, 4, "length");
  assert.deepEqual([...membership.onEvery], [1, 1, 1, 1], "on every");
});

test("default: an empty array has no subsequence", () => {
  const membership = increasingSubsequenceMembership([]);
  assert.equal(membership.longestLength, 0, "length");
  assert.equal(membership.onEvery.length, 0, "no elements");
});

test("behavior: membership equals the brute-force answer for 2,000 short arrays with repeats", () => {
  const suite = getSuite("intl");
  const random = new LotteryStream(suite, suite.hash(utf8("subsequence arrays")));
  for (let round = 0; round < 2000; round++) {
    const length = random.nextIndexBelow(11);
    const values = Array.from({ length }, () => random.nextIndexBelow(8));
    const expected = bruteForce(values);
    const actual = increasingSubsequenceMembership(values);
    assert.equal(actual.longestLength, expected.longestLength, `length of ${values.join(",")}`);
    assert.deepEqual([...actual.onEvery], expected.onEvery, `on every for ${values.join(",")}`);
    assert.deepEqual([...actual.onSome], expected.onSome, `on some for ${values.join(",")}`);
  }
});
