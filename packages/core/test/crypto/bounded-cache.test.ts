import assert from "node:assert/strict";
import { test } from "node:test";
import { BoundedCache } from "../../src/crypto/bounded-cache.ts";

test("behavior: the least recently used entry is evicted once the cache is full", () => {
  const cache = new BoundedCache<string, number>(3);
  cache.set("a", 1);
  cache.set("b", 2);
  cache.set("c", 3);
  assert.equal(cache.get("a"), 1);
  cache.set("d", 4);
  assert.equal(cache.size, 3);
  assert.equal(cache.get("b"), undefined);
  assert.deepEqual([cache.get("a"), cache.get("c"), cache.get("d")], [1, 3, 4]);
});

test("behavior: setting an existing key replaces it without growing", () => {
  const cache = new BoundedCache<string, number>(2);
  cache.set("a", 1);
  cache.set("a", 2);
  assert.equal(cache.size, 1);
  assert.equal(cache.get("a"), 2);
  cache.clear();
  assert.equal(cache.size, 0);
});

test("error: a cache must hold at least one entry", () => {
  assert.throws(() => new BoundedCache(0), RangeError);
  assert.throws(() => new BoundedCache(1.5), RangeError);
});
