import assert from "node:assert/strict";
import { availableParallelism } from "node:os";
import { test } from "node:test";
import { measureVerificationLimit } from "../../bench/lib/kexin/verificationLimit.ts";

for (const suite of ["intl", "gm"] as const) {
  test(`default: the ${suite} limit verifies real signed transfers on every core for the time asked`, { timeout: 60_000 }, async () => {
    const limit = await measureVerificationLimit(suite, { transactions: 100, transactionsMin: 100, signingMs: 10_000, measureMs: 200, seed: "test" });
    assert.equal(limit.suite, suite);
    assert.equal(limit.threads, availableParallelism());
    assert.ok(limit.verified >= 100, `verified ${limit.verified}: at least one request per lane`);
    assert.ok(limit.seconds >= 0.2);
    assert.equal(limit.perSecond, limit.verified / limit.seconds);
  });
}
