import assert from "node:assert/strict";
import { test } from "node:test";
import { compareBytes, fromHex, isHex, toHex } from "../src/bytes.ts";

test("default: hex round trip of every byte value", () => {
  const all = Uint8Array.from({ length: 256 }, (_, index) => index);
  assert.equal(toHex(all), Buffer.from(all).toString("hex"));
  assert.deepEqual(fromHex(toHex(all)), all);
  assert.deepEqual(fromHex(toHex(all).toUpperCase()), all);
  assert.deepEqual(fromHex("0x0aff"), new Uint8Array([10, 255]));
  assert.deepEqual(fromHex(""), new Uint8Array(0));
});

test("error: odd length and non-hex characters", () => {
  assert.throws(() => fromHex("abc"), /odd number of digits/);
  for (const bad of ["zz", "0g", "g0", " 0", "é0", "0x0x"]) assert.throws(() => fromHex(bad), /not a hex digit/, bad);
});

test("behavior: isHex checks characters and length; compareBytes orders bytewise", () => {
  assert.ok(isHex("00ff", 2));
  assert.ok(!isHex("00ff", 3));
  assert.ok(!isHex("0x00"));
  assert.ok(!isHex(5));
  assert.ok(compareBytes(new Uint8Array([1]), new Uint8Array([1, 0])) < 0);
  assert.ok(compareBytes(new Uint8Array([2]), new Uint8Array([1, 9])) > 0);
  assert.equal(compareBytes(new Uint8Array([3, 4]), new Uint8Array([3, 4])), 0);
});
