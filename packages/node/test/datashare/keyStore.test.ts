import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { getSuite, toHex } from "@kexin/core";
import { ReleaseChallenges } from "../../src/modules/datashare/challenges.ts";
import { DataKeyStore } from "../../src/modules/datashare/keyStore.ts";
import { challengeLifetimeMs } from "../../src/modules/datashare/limits.ts";

for (const suiteId of ["intl", "gm"] as const) {
  test(`default: data keys are kept sealed at rest and survive reopening, with the node's keys (${suiteId})`, async () => {
    const suite = getSuite(suiteId);
    const directory = mkdtempSync(join(tmpdir(), "kexin-datashare-keys-"));
    try {
      const store = await DataKeyStore.open(suite, directory);
      const dataKey = suite.randomBytes(suite.sealKeyBytes);
      const hash = toHex(suite.randomBytes(32));
      await store.put("cert-1", hash, dataKey);
      assert.deepEqual(await store.get("cert-1"), { hash, dataKey });
      assert.equal(await store.get("cert-2"), undefined);
      const onDisk = readFileSync(join(directory, "records", "cert-1"));
      assert.ok(!onDisk.toString("hex").includes(toHex(dataKey)), "the key is not written in the clear");
      assert.equal(statSync(join(directory, "node-key")).mode & 0o777, 0o600);
      const reopened = await DataKeyStore.open(suite, directory);
      assert.deepEqual(reopened.encryptionPublicKey, store.encryptionPublicKey);
      assert.deepEqual(await reopened.get("cert-1"), { hash, dataKey });
      assert.deepEqual(readdirSync(join(directory, "records")), ["cert-1"], "no temporary file is left");
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
}

test("behavior: what get answers follows deposits, from memory and from disk", async () => {
  const suite = getSuite("intl");
  const directory = mkdtempSync(join(tmpdir(), "kexin-datashare-keys-"));
  try {
    const first = { hash: toHex(suite.randomBytes(32)), dataKey: suite.randomBytes(32) };
    const second = { hash: toHex(suite.randomBytes(32)), dataKey: suite.randomBytes(32) };
    const store = await DataKeyStore.open(suite, directory);
    await store.put("cert-1", first.hash, first.dataKey);
    assert.deepEqual(await store.get("cert-1"), first);
    await store.put("cert-1", second.hash, second.dataKey);
    assert.deepEqual(await store.get("cert-1"), second, "a new deposit replaces the key held in memory");
    const reopened = await DataKeyStore.open(suite, directory);
    assert.deepEqual(await reopened.get("cert-1"), second, "a reopened store reads the latest deposit from disk");
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test("behavior: a challenge is accepted once, only within its lifetime, and only if this node issued it", () => {
  let now = 1_000;
  const challenges = new ReleaseChallenges(getSuite("intl"), () => now);
  const { challenge } = challenges.issue();
  assert.equal(challenges.consume(challenge), true);
  assert.equal(challenges.consume(challenge), false, "spent");
  const late = challenges.issue().challenge;
  now += challengeLifetimeMs + 1;
  assert.equal(challenges.consume(late), false, "expired");
  assert.equal(challenges.consume("00".repeat(32)), false, "never issued");
});
