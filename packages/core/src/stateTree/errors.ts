import { KexinError } from "../errors.ts";

export type StateTreeErrorType =
  | { code: "STATE_TREE_NODE_MISSING"; version: number; depth: number }
  | { code: "STATE_TREE_NODE_CORRUPT"; reason: string }
  | { code: "STATE_TREE_BAD_HASH"; lengthBytes: number };
/** The node store lost or garbled a node the tree needs: the store is damaged, not the input. */
export class StateTreeError extends KexinError<StateTreeErrorType> {}

export type StateProofErrorType =
  | { code: "STATE_PROOF_MALFORMED"; reason: string }
  | { code: "STATE_PROOF_LEAF_MISPLACED"; reason: string }
  | { code: "STATE_PROOF_ROOT_MISMATCH" }
  | { code: "STATE_PROOF_WRONG_CHAIN"; chainId: string }
  | { code: "STATE_PROOF_WRONG_VALIDATORS" }
  | { code: "STATE_PROOF_COMMIT_INVALID"; reason: string };
/** A state proof that does not show what it claims, with the reason. */
export class StateProofError extends KexinError<StateProofErrorType> {}
