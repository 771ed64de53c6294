import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { decodeHeader, decodeTrusted, encodeCanonical, encodeHeader, toHex, utf8 } from "@kexin/core";
import { open } from "lmdb";
import { DerivedIndexRebuildError, rebuildDerivedIndex } from "../../src/derivedIndexRebuild.ts";
import { parseGenesis } from "../../src/genesis.ts";
import { LmdbChainStore } from "../../src/storage/index.ts";
import { type EvidenceChain, startEvidenceChain } from "./fixture.ts";

function entriesOf(dataDir: string): Promise<{ key: string; value: string }[]> {
  const store = new LmdbChainStore({ path: dataDir });
  const entries = [...store.derivedIndexEntries()].map(({ key, value }) => ({ key, value: toHex(value) }));
  return store.close().then(() => entries);
}

describe("derived index rebuild", () => {
  let fixture: EvidenceChain;
  let original: { key: string; value: string }[];
  let height: number;

  before(async () => {
    fixture = await startEvidenceChain();
    const anchor = (content: string, caseNumber: string) => ({
      type: "anchor",
      payload: { hash: toHex(fixture.suite.hash(utf8(content))), size: content.length, mediaType: "text/plain", title: `笔录 ${content}`, caseNumber, tags: ["interview"] },
    });
    await fixture.commitMany(fixture.officer, [anchor("one", "C-1"), anchor("two", "C-1"), anchor("three", "C-2")]);
    await fixture.commit(fixture.notary, "anchor", anchor("one", "C-3").payload);
    // A third submitter, one anchor without a case number.
    await fixture.commitMany(fixture.clerk, [anchor("four", ""), anchor("five", "C-2")]);
    height = fixture.chain.node.store.head()?.height ?? 0;
    // Stop the node but keep its data folder.
    await fixture.chain.node.close();
    original = await entriesOf(fixture.chain.dataDir);
  });

  after(() => rmSync(fixture.chain.dataDir, { recursive: true, force: true }));

  test("default: a lost index is rebuilt from the blocks, entry for entry", async () => {
    assert.ok(original.length > 5, `the chain should have index entries, has ${original.length}`);
    const store = new LmdbChainStore({ path: fixture.chain.dataDir });
    assert.equal(store.replaceDerivedIndex([]), 0);
    await store.close();
    assert.deepEqual(await entriesOf(fixture.chain.dataDir), [], "the index is gone");

    const progress: number[] = [];
    const rebuilt = await rebuildDerivedIndex({ dataDir: fixture.chain.dataDir, genesis: fixture.chain.genesis, onBlock: (replayed) => progress.push(replayed) });
    assert.deepEqual(rebuilt, { height, entries: original.length });
    assert.deepEqual(progress, Array.from({ length: height }, (_unused, index) => index + 1), "every block is replayed once, in order");
    assert.deepEqual(await entriesOf(fixture.chain.dataDir), original);
  });

  test("behavior: stray entries in the index are replaced, not kept", async () => {
    const store = new LmdbChainStore({ path: fixture.chain.dataDir });
    store.replaceDerivedIndex([...original.slice(1).map(({ key, value }) => ({ key, value: Uint8Array.from(Buffer.from(value, "hex")) })), { key: "~index/evidence/stray", value: new Uint8Array([1]) }]);
    await store.close();
    await rebuildDerivedIndex({ dataDir: fixture.chain.dataDir, genesis: fixture.chain.genesis });
    assert.deepEqual(await entriesOf(fixture.chain.dataDir), original);
  });

  test("error: another chain's genesis is refused and nothing changes", async () => {
    const other = parseGenesis({ ...JSON.parse(JSON.stringify(fixture.chain.genesis)), chainId: "kexin-other" });
    await assert.rejects(rebuildDerivedIndex({ dataDir: fixture.chain.dataDir, genesis: other }), (error: unknown) => error instanceof DerivedIndexRebuildError && error.code === "DERIVED_INDEX_GENESIS_MISMATCH" && /different chain/.test(error.message));
    assert.deepEqual(await entriesOf(fixture.chain.dataDir), original);
  });

  test("error: an empty data folder has no chain to replay", async () => {
    const empty = `${fixture.chain.dataDir}-empty`;
    try {
      await assert.rejects(rebuildDerivedIndex({ dataDir: empty, genesis: fixture.chain.genesis }),
        (error: unknown) => error instanceof DerivedIndexRebuildError && error.code === "DERIVED_INDEX_NO_CHAIN" && /holds no chain/.test(error.message),
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  // Last: it leaves a block the chain never had.
  test("error: a block whose replay gives other results than its header leaves the index as it was", async () => {
    const root = open({ path: fixture.chain.dataDir, maxDbs: 16, compression: false, cache: false });
    const blocks = root.openDB<Uint8Array, number>({ name: "blocks", encoding: "binary", keyEncoding: "uint32", cache: false });
    const record = decodeTrusted(blocks.getBinary(2) as Uint8Array) as { header: Uint8Array; commit: Uint8Array; txs: Uint8Array[] };
    const header = decodeHeader(record.header);
    blocks.putSync(2, encodeCanonical({ ...record, header: encodeHeader({ ...header, resultsRoot: new Uint8Array(32) }) }));
    await root.close();
    await assert.rejects(
      rebuildDerivedIndex({ dataDir: fixture.chain.dataDir, genesis: fixture.chain.genesis }),
      (error: unknown) => error instanceof DerivedIndexRebuildError &&
        error.type.code === "DERIVED_INDEX_REPLAY_MISMATCH" &&
        error.type.height === 2 &&
        /replaying block 2 gave other results/.test(error.message),
    );
    assert.deepEqual(await entriesOf(fixture.chain.dataDir), original);
  });
});
