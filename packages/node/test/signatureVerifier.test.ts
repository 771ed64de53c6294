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

test("behavior: an expedited request is verified before requests queued ahead of it, and every verdict stays in order", async () => {
  const suite = getSuite("intl");
  const key = suite.generatePrivateKey();
  const checksOf = (count: number, label: string) =>
    Array.from({ length: count }, (_, index) => {
      const message = new TextEncoder().encode(`${label} ${index}`);
      const signature = suite.sign(key, message);
      if (index % 5 === 0) signature[7]! ^= 1;
      return { publicKey: suite.publicKeyOf(key), message, signature };
    });
  const workers = new WorkerSignatureVerifier("intl", 1);
  try {
    const finished: string[] = [];
    const requests = [["first", checksOf(800, "first")], ["second", checksOf(800, "second")], ["urgent", checksOf(10, "urgent")]] as const;
    const scheduled = requests.map(([label, checks]) => {
      const verification = workers.schedule(checks);
      return { label, checks, verification, done: verification.results.then((results) => (finished.push(label), results)) };
    });
    scheduled[2]?.verification.expedite();
    for (const { label, checks, done } of scheduled) {
      assert.deepEqual(await done, checks.map((_, index) => index % 5 !== 0), `${label}: one verdict per check, in order`);
    }
    assert.ok(finished.indexOf("urgent") < finished.indexOf("second"), `the expedited request finishes before the one queued ahead of it (order: ${finished.join(", ")})`);
  } finally {
    await workers.close();
  }
});
