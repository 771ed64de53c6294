import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { sealContent, signTx, toHex } from "@kexin/core";
import { BlobStore, BlobStoreError, blobStoreDefaults } from "../../src/blobs/index.ts";
import { mountTmpfs } from "../../../../test/support/tmpfs.ts";
import { startTestChain } from "../support.ts";

const mebibyte = 1024 * 1024;

function isStoreFull(limit: string) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof BlobStoreError, String(error));
    assert.equal(error.code, "EVIDENCE_BLOB_STORE_FULL");
    assert.equal((error.type as { limit: string }).limit, limit);
    return true;
  };
}

/** Every file under the store's folder, temporary ones included. */
function filesIn(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

test("error: an upload that would leave less free disk than the reserve is answered 507 EVIDENCE_BLOB_STORE_FULL, with details", async () => {
  // The chain's reserve doubled for blobs is beyond any disk this test runs on; no block is needed to upload.
  const chain = await startTestChain({ diskReserveBytes: 2 ** 45 });
  try {
    const { envelope } = sealContent(chain.suite, randomBytes(1024));
    const hash = toHex(chain.suite.hash(envelope));
    const authorisation = signTx(chain.suite, chain.accounts.alice.privateKey, { chainId: chain.genesis.chainId, nonce: 0, module: "evidence", type: "store_blob", payload: { hash, size: envelope.length }, expiry: 0 });
    const response = await fetch(`${chain.url}/v1/evidence/blobs/${hash}`, {
      method: "PUT",
      headers: { "content-type": "application/octet-stream", "x-kexin-authorisation": toHex(authorisation.bytes) },
      body: Buffer.from(envelope),
    });
    assert.equal(response.status, 507);
    const { error } = (await response.json()) as { error: { code: string; message: string; details: Record<string, unknown> } };
    assert.equal(error.code, "EVIDENCE_BLOB_STORE_FULL");
    assert.equal(error.details.limit, "diskReserveBytes");
    assert.equal(error.details.diskReserveBytes, 2 ** 46);
    assert.equal(error.details.sizeBytes, envelope.length);
    assert.ok(typeof error.details.freeBytes === "number" && error.details.freeBytes < 2 ** 46);
    assert.ok(!JSON.stringify(error).includes(chain.dataDir), "the uploader is not told where the node keeps its files");
    assert.equal((await fetch(`${chain.url}/v1/evidence/blobs/${hash}`, { method: "HEAD" })).status, 404, "nothing was stored");
  } finally {
    await chain.close();
  }
});

test("behavior: uploads under way count together against the reserve", async (context) => {
  const tmpfs = mountTmpfs(8 * mebibyte, "kexin-blob-reserve-");
  if (typeof tmpfs === "string") return context.skip(tmpfs);
  try {
    const directory = join(tmpfs.path, "blobs");
    // 8 MiB free: either 3 MiB blob fits above a 4 MiB reserve, both together do not.
    const store = await BlobStore.open({ service: "evidence", directory, ...blobStoreDefaults, diskReserveBytes: 4 * mebibyte });
    const blobs = [randomBytes(3 * mebibyte), randomBytes(3 * mebibyte)];
    const outcomes = await Promise.allSettled(blobs.map((bytes, index) => store.put(`${index}`.repeat(64), bytes)));
    const refused = outcomes.filter((outcome) => outcome.status === "rejected");
    assert.equal(refused.length, 1, "exactly one of the two is stored");
    assert.throws(() => {
      throw refused[0]?.reason;
    }, isStoreFull("diskReserveBytes"));
    assert.deepEqual(store.usage(), { totalBytes: 3 * mebibyte, blobs: 1 });
  } finally {
    tmpfs.unmount();
  }
});

test("error: a write that finds the disk full is EVIDENCE_BLOB_STORE_FULL (ENOSPC), leaves no partial file, and the store goes on", async (context) => {
  const tmpfs = mountTmpfs(2 * mebibyte, "kexin-blob-enospc-");
  if (typeof tmpfs === "string") return context.skip(tmpfs);
  try {
    const directory = join(tmpfs.path, "blobs");
    // The check sees room, as it would just before another process filled the disk: the write itself runs out.
    const store = await BlobStore.open({ service: "evidence", directory, ...blobStoreDefaults, diskReserveBytes: 0 }, async () => 2 ** 40);
    await assert.rejects(store.put("a".repeat(64), randomBytes(3 * mebibyte)), (error: unknown) => {
      isStoreFull("ENOSPC")(error);
      assert.equal(((error as BlobStoreError).type as { sizeBytes: number }).sizeBytes, 3 * mebibyte);
      return true;
    });
    assert.deepEqual(filesIn(directory), [], "no partial file is left");
    assert.deepEqual(store.usage(), { totalBytes: 0, blobs: 0 });
    // On a 2 MiB disk this fits only because the 2 MiB the failed write had taken were given back.
    assert.equal(await store.put("b".repeat(64), randomBytes(mebibyte)), true, "a blob that fits is still stored");
  } finally {
    tmpfs.unmount();
  }
});

test("error: a negative or fractional reserve is refused when the store opens", async () => {
  const directory = mkdtempSync(join(tmpdir(), "kexin-blob-options-"));
  try {
    for (const diskReserveBytes of [-1, 0.5, Number.NaN]) {
      await assert.rejects(BlobStore.open({ service: "evidence", directory, ...blobStoreDefaults, diskReserveBytes }), /services.evidence.blobs.diskReserveBytes must be a whole number of bytes/);
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
