import { type StateTreeBatch, type StateTreeRoot, bytesEqual, decodeRoot, encodeCanonical, encodeRoot } from "@kexin/core";
import type { Database, RootDatabase } from "lmdb";
import type { ChainHead } from "./interface.ts";

/**
 * The state tree: nodes by node key (version first, see encodeNodeKey), each version's root, and
 * the keys of the nodes each version replaced (one CBOR array of them per version, so a block
 * costs one write for them), so that a pruner keeping versions from v on can delete every node
 * recorded stale at or below v, and then those roots.
 */
export class StateTreeTable {
  private readonly nodes: Database<Uint8Array, Uint8Array>;
  private readonly roots: Database<Uint8Array, number>;
  private readonly stale: Database<Uint8Array, number>;

  constructor(root: RootDatabase) {
    this.nodes = root.openDB<Uint8Array, Uint8Array>({ name: "stateTreeNodes", encoding: "binary", keyEncoding: "binary", cache: false });
    this.roots = root.openDB<Uint8Array, number>({ name: "stateTreeRoots", encoding: "binary", keyEncoding: "uint32", cache: false });
    this.stale = root.openDB<Uint8Array, number>({ name: "stateTreeStale", encoding: "binary", keyEncoding: "uint32", cache: false });
  }

  /** Inside the block's transaction: the version's nodes, root and stale records. */
  put(batch: StateTreeBatch, head: ChainHead): void {
    assertRootIsHead(batch, head);
    for (const { key, node } of batch.nodes) this.nodes.putSync(key, node);
    if (batch.stale.length > 0) this.stale.putSync(batch.version, encodeCanonical([...batch.stale]));
    this.roots.putSync(batch.version, encodeRoot(batch.root));
  }

  readNode(nodeKey: Uint8Array): Uint8Array | undefined {
    return this.nodes.getBinary(nodeKey);
  }

  root(version: number): StateTreeRoot | undefined {
    const bytes = this.roots.getBinary(version);
    return bytes === undefined ? undefined : decodeRoot(bytes);
  }
}

/** A store writes a tree only with the head whose app hash is its root: anything else is a bug upstream. */
export function assertRootIsHead(batch: StateTreeBatch, head: ChainHead): void {
  if (batch.version !== head.height || !bytesEqual(batch.rootHash, head.appHash)) {
    throw new Error(`the state tree of version ${batch.version} does not match the head at ${head.height}`);
  }
}
