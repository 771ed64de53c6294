import { getSuite, encodeStateTreeProof, proveStateTree, utf8, verifyStateTreeProof } from "@kexin/core";
import { LmdbChainStore, stateCommitment } from "@kexin/node";
import { temporaryDirectory } from "../lib/cleanup.ts";
import type { BenchMode } from "../lib/mode.ts";
import { log, round } from "../lib/output.ts";

/** Keys go in by blocks this large while the tree is built; fewer, larger versions keep the file small. */
const buildBlockWrites = 50_000;
/** The measured blocks: writes per block (half updates of existing keys, half new keys), and how many blocks. */
const measuredBlockWrites = 5_000;
const measuredBlocks = 10;
const proofSamples = 1_000;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** A deterministic spread of indexes, so every run measures the same keys. */
function spread(index: number, range: number): number {
  return (index * 2_654_435_761) % range;
}

const keyOf = (index: number): string => `points/balance/${index.toString(16).padStart(8, "0")}`;
const valueOf = (index: number, version: number): Uint8Array => utf8(JSON.stringify({ balance: index * 7 + version, updatedAt: version }));

export const mode: BenchMode = {
  summary: "the state tree on a real LMDB file: --keys entries, then proofs (size, prove and verify time) and commits of 5,000-write blocks",
  options: ["keys"],
  async run({ options, cleanup }) {
    const suite = getSuite("intl");
    const path = await temporaryDirectory(cleanup, "kexin-bench-state-");
    const store = new LmdbChainStore({ path });
    cleanup.add("close the state store", () => store.close());
    let height = 0;
    const commit = (writes: Map<string, Uint8Array | null>): void => {
      const stateTree = stateCommitment(suite.hash, store, height, writes);
      const hash = suite.hash(new Uint8Array(new Uint32Array([height]).buffer));
      const head = { height, hash, time: height, appHash: stateTree.rootHash };
      if (height === 0) store.initialise(hash, writes, stateTree, head);
      else store.commitBlock({ height, hash, header: hash, commit: hash, txs: [], stateWrites: writes, stateTree, head });
      height++;
    };

    // The measured blocks add the last keys, so the tree holds --keys when proofs are measured.
    const built = options.keys - (measuredBlocks * measuredBlockWrites) / 2;
    const buildStart = performance.now();
    for (let first = 0; first < built; first += buildBlockWrites) {
      const writes = new Map<string, Uint8Array | null>();
      for (let index = first; index < Math.min(built, first + buildBlockWrites); index++) writes.set(keyOf(index), valueOf(index, height));
      commit(writes);
      if (height % 4 === 0) log("state: building", { keys: Math.min(built, first + buildBlockWrites), height });
    }
    const buildSeconds = (performance.now() - buildStart) / 1_000;
    log("state: built", { keys: built, seconds: round(buildSeconds, 1) });

    const commitMs: number[] = [];
    let next = built;
    for (let block = 0; block < measuredBlocks; block++) {
      const writes = new Map<string, Uint8Array | null>();
      for (let index = 0; index < measuredBlockWrites / 2; index++) writes.set(keyOf(spread(block * measuredBlockWrites + index, built)), valueOf(index, height));
      while (writes.size < measuredBlockWrites) writes.set(keyOf(next), valueOf(next++, height));
      const start = performance.now();
      commit(writes);
      commitMs.push(performance.now() - start);
    }
    const keys = next;

    const root = store.stateTreeRoot(height - 1);
    if (root === undefined) throw new Error("the state tree lost its last root");
    const rootHash = root?.hash ?? new Uint8Array(32);
    const proveUs: number[] = [];
    const verifyUs: number[] = [];
    const proofBytes: number[] = [];
    const absentProofBytes: number[] = [];
    for (let sample = 0; sample < proofSamples; sample++) {
      const present = sample % 2 === 0;
      const index = present ? spread(sample, keys) : keys + sample;
      const key = utf8(keyOf(index));
      const value = present ? store.getState(keyOf(index)) ?? null : null;
      if (present && value === null) throw new Error(`key ${keyOf(index)} is missing from state`);
      const proveStart = performance.now();
      const proof = encodeStateTreeProof(proveStateTree(suite.hash, store, root, key));
      proveUs.push((performance.now() - proveStart) * 1_000);
      const verifyStart = performance.now();
      verifyStateTreeProof(suite.hash, rootHash, key, value, proof);
      verifyUs.push((performance.now() - verifyStart) * 1_000);
      (present ? proofBytes : absentProofBytes).push(proof.length);
    }
    return {
      mode: "state",
      keys,
      proof_bytes: median(proofBytes),
      absent_proof_bytes: median(absentProofBytes),
      prove_us: round(median(proveUs), 1),
      verify_us: round(median(verifyUs), 1),
      commit_ms_per_block: round(median(commitMs), 1),
      block_writes: measuredBlockWrites,
      build_s: round(buildSeconds, 1),
      rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  },
};
