import {
  type CryptoSuite,
  KexinError,
  type StateProofEntryJson,
  type StateProofJson,
  encodeStateTreeProof,
  proveStateTree,
  stateProofFormat,
  stateTreeEmptyHash,
  toHex,
  utf8,
  verifyStateTreeProof,
} from "@kexin/core";
import type { ChainStore } from "../storage/index.ts";

export type StateProofRequestErrorType =
  | { code: "STATE_HEIGHT_NOT_PROVABLE"; height: number; provableMax: number }
  | { code: "STATE_VALUE_NOT_KEPT"; key: string; height: number }
  | { code: "QUERY_NOT_PROVABLE"; module: string; query: string };
/** A proof the node cannot give: the height has no decided successor, or a value at it is no longer kept. */
export class StateProofRequestError extends KexinError<StateProofRequestErrorType> {}

/** Status of each code, for the API's one table. */
export const stateProofStatusByCode: Readonly<Record<StateProofRequestErrorType["code"], number>> = {
  STATE_HEIGHT_NOT_PROVABLE: 409,
  STATE_VALUE_NOT_KEPT: 409,
  QUERY_NOT_PROVABLE: 400,
};

/**
 * Builds state proofs over the node's committed state. The node keeps only the newest value of
 * each key, but every version of the tree: a value is proven at height N only if it is still what
 * the tree of version N holds, which each proof checks before it is sent.
 */
export class StateProofBuilder {
  constructor(
    private readonly suite: CryptoSuite,
    private readonly chainId: string,
    private readonly store: ChainStore,
  ) {}

  /** The newest height whose state a decided block commits to: the head's predecessor, -1 before block 1. */
  provableHeightMax(): number {
    return (this.store.head()?.height ?? 0) - 1;
  }

  /** Proves the current values of `keys` (full state keys) as the state after block `height` (default: the newest provable). */
  prove(keys: readonly string[], height = this.provableHeightMax()): StateProofJson {
    const provableMax = this.provableHeightMax();
    const root = height >= 0 && height <= provableMax ? this.store.stateTreeRoot(height) : undefined;
    const block = root === undefined ? undefined : this.store.getBlock(height + 1);
    if (root === undefined || block === undefined) {
      const reason = provableMax < 0 ? "no block has been decided yet" : `heights 0 to ${provableMax} are provable here`;
      throw new StateProofRequestError({ code: "STATE_HEIGHT_NOT_PROVABLE", height, provableMax }, `the state after block ${height} cannot be proven: ${reason}`);
    }
    const rootHash = root === null ? stateTreeEmptyHash : root.hash;
    const entries = keys.map((key): StateProofEntryJson => {
      const value = this.store.getState(key) ?? null;
      const proof = encodeStateTreeProof(proveStateTree(this.suite.hash, this.store, root, utf8(key)));
      try {
        verifyStateTreeProof(this.suite.hash, rootHash, utf8(key), value, proof);
      } catch {
        throw new StateProofRequestError(
          { code: "STATE_VALUE_NOT_KEPT", key, height },
          `"${key}" changed after block ${height}, and the node keeps only its newest value; ask again for the newest provable height once the next block is decided`,
        );
      }
      return { key, value: value === null ? null : toHex(value), proof: toHex(proof) };
    });
    return { format: stateProofFormat, suite: this.suite.id, chainId: this.chainId, height, entries, header: toHex(block.header), commit: toHex(block.commit) };
  }
}
