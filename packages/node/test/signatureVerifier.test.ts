import assert from "node:assert/strict";
import { test } from "node:test";
import { type SuiteId, getSuite } from "@kexin/core";
import { InlineSignatureVerifier, WorkerSignatureVerifier } from "../src/mempool/index.ts";

for (const suiteId of ["intl", "gm"] as SuiteId[]) {
  test(`behavior: worker threads give the same verdicts as the main thread, in order (${suiteId})`, async () => {
    const suite = getSuite(suiteId);
    const key = suite.generatePrivateKey();
    const checks = Array.from({ length: 25 }, (_, index) => {
      const message = new TextEncoder().encode(`message ${index}`);
      const signature = suite.sign(key, message);
      // Every third check is tampered, so order mistakes would show.
      if (index % 3 === 0) signature[5]! ^= 1;
      return { publicKey: suite.publicKeyOf(key), message, signature };
    });
    const workers = new WorkerSignatureVerifier(suiteId, 2);
    try {
      const expected = await new InlineSignatureVerifier(suiteId).verify(checks);
      assert.deepEqual(expected, checks.map((_, index) => index % 3 !== 0));
      assert.deepEqual(await workers.verify(checks), expected);
      assert.deepEqual(await workers.verify([]), []);
      assert.deepEqual(await workers.verify([{ publicKey: new Uint8Array(3), message: new Uint8Array(0), signature: new Uint8Array(1) }]), [false]);
    } finally {
      await workers.close();
    }
    await assert.rejects(workers.verify(checks), /closed/);
  });
}
