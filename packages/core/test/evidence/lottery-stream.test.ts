import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { concatBytes, fromHex, utf8 } from "../../src/bytes.ts";
import { getSuite } from "../../src/crypto/index.ts";
import { LotteryStream, rejectionLimit } from "../../src/evidence/index.ts";
import { suites } from "./fixtures.ts";

const twoTo64 = 1n << 64n;

const firstValues = {
  intl: ["6546c7cd5af3c0d4", "ae72e9933fce5f26", "113c8df35b8c8f09", "74f168662ca5f71d", "a95d06086ea8dc86"],
  gm: ["f502b1e864c7c199", "86650fee16004193", "473fd73f3da6c963", "12e7780b52cbc137", "c054bb094f905f76"],
};
const seeds = {
  intl: "a9a629e06ff1b0c40222e106ed8bb2e8a12ed36428ba72437aeb1c28a0f9b528",
  gm: "38c487d9fb14457c0dc77e7da914559f113a9f470013ac5f3d604f902085bab5",
};

test("vector: block i is SHA-256 of the canonical CBOR [seed, i], read as four big-endian 64-bit values", () => {
  const seed = fromHex(seeds.intl);
  const stream = new LotteryStream(getSuite("intl"), seed);
  for (let blockIndex = 0; blockIndex < 3; blockIndex++) {
    // [ bytes(32), uint ]: array(2), byte string header 0x5820, then the counter (below 24: one byte).
    const block = createHash("sha256")
      .update(concatBytes(fromHex("825820"), seed, new Uint8Array([blockIndex])))
      .digest();
    for (let valueIndex = 0; valueIndex < 4; valueIndex++) {
      assert.equal(stream.nextUint64(), block.readBigUInt64BE(valueIndex * 8), `block ${blockIndex} value ${valueIndex}`);
    }
  }
  assert.equal(stream.valuesTaken, 12, "twelve values taken");
});

for (const suite of suites) {
  test(`vector ${suite.id}: the first five values of a pinned seed`, () => {
    const stream = new LotteryStream(suite, fromHex(seeds[suite.id]));
    const values = firstValues[suite.id].map(() => stream.nextUint64().toString(16).padStart(16, "0"));
    assert.deepEqual(values, firstValues[suite.id], "values");
  });

  test(`behavior ${suite.id}: a bound of 1 always gives 0 and still takes one value`, () => {
    const stream = new LotteryStream(suite, suite.hash(utf8("bound one")));
    for (let draw = 0; draw < 10; draw++) assert.equal(stream.nextBelow(1n), 0n, `draw ${draw}`);
    assert.equal(stream.valuesTaken, 10, "one value per draw");
  });

  test(`behavior ${suite.id}: a bound just above 2^32 takes value mod bound below the rejection limit`, () => {
    const bound = (1n << 32n) + 12_345n;
    const seed = suite.hash(utf8("bound above 2^32"));
    const stream = new LotteryStream(suite, seed);
    const raw = new LotteryStream(suite, seed);
    const limit = rejectionLimit(bound);
    assert.equal(limit, twoTo64 - (twoTo64 % bound), "limit is the largest multiple of the bound");
    assert.equal(limit % bound, 0n, "limit is a multiple of the bound");
    for (let draw = 0; draw < 1000; draw++) {
      let value = raw.nextUint64();
      while (value >= limit) value = raw.nextUint64();
      const drawn = stream.nextBelow(bound);
      assert.equal(drawn, value % bound, `draw ${draw}`);
      assert.ok(drawn < bound, `draw ${draw} is below the bound`);
    }
    assert.ok(stream.nextIndexBelow(2 ** 32 + 12_345) < 2 ** 32 + 12_345, "the number form agrees");
  });

  test(`behavior ${suite.id}: values at or above the limit are rejected (bound 2^63 + 1 rejects about half)`, () => {
    const bound = (1n << 63n) + 1n;
    const limit = rejectionLimit(bound);
    assert.equal(limit, bound, "only one multiple of the bound fits in 64 bits");
    const seed = suite.hash(utf8("rejection"));
    const stream = new LotteryStream(suite, seed);
    const raw = new LotteryStream(suite, seed);
    let rejected = 0;
    for (let draw = 0; draw < 400; draw++) {
      let value = raw.nextUint64();
      while (value >= limit) {
        rejected++;
        value = raw.nextUint64();
      }
      assert.equal(stream.nextBelow(bound), value, `draw ${draw} is the first value below the limit`);
    }
    assert.equal(stream.valuesTaken, 400 + rejected, "rejected values were consumed");
    assert.ok(rejected > 300 && rejected < 500, `about 400 rejections expected, got ${rejected}`);
  });
}

test("behavior: a bound of 2^64 accepts every value unchanged", () => {
  const suite = getSuite("intl");
  const seed = suite.hash(utf8("full range"));
  const stream = new LotteryStream(suite, seed);
  const raw = new LotteryStream(suite, seed);
  assert.equal(rejectionLimit(twoTo64), twoTo64, "nothing is rejected");
  for (let draw = 0; draw < 8; draw++) assert.equal(stream.nextBelow(twoTo64), raw.nextUint64(), `draw ${draw}`);
});

test("behavior: the stream keeps its own copy of the seed", () => {
  const suite = getSuite("intl");
  const seed = suite.hash(utf8("copied seed"));
  const expected = new LotteryStream(suite, seed.slice()).nextUint64();
  const stream = new LotteryStream(suite, seed);
  seed.fill(0);
  assert.equal(stream.nextUint64(), expected, "changing the caller's array does not change the stream");
});

test("error: bounds outside 1 … 2^64 are refused", () => {
  const stream = new LotteryStream(getSuite("intl"), new Uint8Array(32));
  assert.throws(() => stream.nextBelow(0n), RangeError, "zero");
  assert.throws(() => stream.nextBelow(twoTo64 + 1n), RangeError, "above 2^64");
  assert.throws(() => stream.nextIndexBelow(0), RangeError, "zero as a number");
  assert.throws(() => stream.nextIndexBelow(1.5), RangeError, "fraction");
});
