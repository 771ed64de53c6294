import { toHex, utf8 } from "../src/bytes.ts";
import type { CryptoSuite } from "../src/crypto/index.ts";
import { type StateTreeBatch, type StateTreeNodeReader, type StateTreeRoot, encodeStateTreeProof, proveStateTree, stateKeyHash, updateStateTree } from "../src/stateTree/index.ts";

/** Nodes of every version in a map, as a node store keeps them. */
export class MemoryTreeNodes implements StateTreeNodeReader {
  readonly nodes = new Map<string, Uint8Array>();
  root: StateTreeRoot = null;
  version = -1;

  readNode(nodeKey: Uint8Array): Uint8Array | undefined {
    return this.nodes.get(toHex(nodeKey));
  }

  /** Applies the writes (null deletes) as the next version. */
  apply(suite: CryptoSuite, writes: Record<string, string | null>): StateTreeBatch {
    const batch = updateStateTree(
      suite.hash,
      this,
      this.root,
      this.version + 1,
      Object.entries(writes).map(([key, value]) => ({ keyHash: stateKeyHash(suite.hash, utf8(key)), valueHash: value === null ? null : suite.hash(utf8(value)) })),
    );
    for (const { key, node } of batch.nodes) this.nodes.set(toHex(key), node);
    this.root = batch.root;
    this.version = batch.version;
    return batch;
  }

  proof(suite: CryptoSuite, key: string): string {
    return toHex(encodeStateTreeProof(proveStateTree(suite.hash, this, this.root, utf8(key))));
  }
}

/** The inputs of the SPEC.md §6 vectors: versions applied one after another. */
export const stateTreeVectorVersions: readonly Record<string, string | null>[] = [
  {},
  { "points/balance/alice": "1200" },
  { "points/balance/bob": "7", "trace/item/UDI-0001": "recalled", "identity/member/carol": "active" },
  { "points/balance/bob": null, "points/balance/alice": "1199" },
];

export interface StateTreeVectors {
  readonly roots: string[];
  readonly presence: { readonly key: string; readonly value: string; readonly proof: string };
  readonly absence: { readonly key: string; readonly proof: string };
}

export function buildStateTreeVectors(suite: CryptoSuite): StateTreeVectors {
  const tree = new MemoryTreeNodes();
  const roots = stateTreeVectorVersions.map((writes) => toHex(tree.apply(suite, writes).rootHash));
  return {
    roots,
    presence: { key: "trace/item/UDI-0001", value: "recalled", proof: tree.proof(suite, "trace/item/UDI-0001") },
    absence: { key: "points/balance/bob", proof: tree.proof(suite, "points/balance/bob") },
  };
}
