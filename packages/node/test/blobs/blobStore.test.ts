import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buffer } from "node:stream/consumers";
import { test } from "node:test";
import { BlobStore, defaultBlobStoreOptions, wholeBlobBytesMax } from "../../src/blobs/index.ts";

async function withStore(run: (store: BlobStore, directory: string) => Promise<void>): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), "kexin-blobs-"));
  try {
    // No disk reserve: the test writes a few kilobytes, whatever the disk holds.
    await run(await BlobStore.open({ ...defaultBlobStoreOptions("datashare", directory), directory, diskReserveBytes: 0 }), directory);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** A hash-shaped name; the store keeps bytes under whatever hash the caller checked. */
const nameOf = (seed: number) => seed.toString(16).padStart(64, "0");

test("behavior: a small blob is read whole as its bytes, and kept in memory for the next read", async () => {
  await withStore(async (store, directory) => {
    const bytes = randomBytes(300);
    await store.put(nameOf(1), bytes);
    const first = await store.readSmallWhole(nameOf(1));
    assert.equal(first?.stream, undefined);
    assert.deepEqual(first?.bytes, new Uint8Array(bytes));
    assert.equal(first?.size, 300);
    // With the file gone, only the kept copy can answer.
    rmSync(join(directory, nameOf(1).slice(0, 2), nameOf(1)));
    assert.deepEqual((await store.readSmallWhole(nameOf(1)))?.bytes, new Uint8Array(bytes));
  });
});

test("behavior: a blob larger than wholeBlobBytesMax is served as a stream of its bytes", async () => {
  await withStore(async (store) => {
    const bytes = randomBytes(wholeBlobBytesMax + 1);
    await store.put(nameOf(2), bytes);
    const found = await store.readSmallWhole(nameOf(2));
    assert.equal(found?.bytes, undefined);
    assert.equal(found?.size, bytes.length);
    assert.ok(found?.stream !== undefined);
    assert.deepEqual(await buffer(found.stream), bytes);
  });
});

test("behavior: a blob the store does not hold reads as undefined", async () => {
  await withStore(async (store) => {
    assert.equal(await store.readSmallWhole(nameOf(3)), undefined);
  });
});
