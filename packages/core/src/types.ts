import type { CborValue } from "./codec.ts";

/** What a transaction says, before it is signed. */
export interface TxBody {
  readonly chainId: string;
  /** The signer's public key in the chain suite's format. */
  readonly signer: Uint8Array;
  /** Equals the number of transactions this signer has had committed before. */
  readonly nonce: number;
  readonly module: string;
  readonly type: string;
  readonly payload: CborValue;
  /** The last height at which the transaction may be included. */
  readonly expiry: number;
}

export interface SignedTx extends TxBody {
  readonly signature: Uint8Array;
}

export interface BlockHeader {
  readonly chainId: string;
  readonly height: number;
  /** Milliseconds since the Unix epoch, chosen by the proposer; never earlier than the previous block's. */
  readonly time: number;
  /** Hash of the previous header; for height 1, the genesis hash. */
  readonly prevHash: Uint8Array;
  /** How many transactions the block holds, and so how many leaves txRoot and resultsRoot each have. */
  readonly txCount: number;
  readonly txRoot: Uint8Array;
  readonly resultsRoot: Uint8Array;
  /** State commitment after executing the previous block (after genesis for height 1). */
  readonly appHash: Uint8Array;
  readonly validatorsHash: Uint8Array;
  /** Public key of the validator that proposed the block. */
  readonly proposer: Uint8Array;
}

export interface Validator {
  readonly publicKey: Uint8Array;
  readonly power: number;
}

export interface CommitSignature {
  readonly validator: Uint8Array;
  readonly signature: Uint8Array;
}

/** More than two thirds of the voting power's precommit signatures over one header hash. */
export interface Commit {
  readonly height: number;
  readonly round: number;
  readonly blockHash: Uint8Array;
  readonly signatures: readonly CommitSignature[];
}

export interface TxEvent {
  readonly module: string;
  readonly type: string;
  readonly attributes: { readonly [key: string]: CborValue };
}

export const TxStatus = { ok: 0, failed: 1 } as const;
export type TxStatus = (typeof TxStatus)[keyof typeof TxStatus];

/** The outcome of one transaction; the leaves of a block's resultsRoot, in transaction order. */
export interface TxResult {
  readonly txHash: Uint8Array;
  readonly status: TxStatus;
  /** Empty when status is ok; otherwise the error code, e.g. "IDENTITY_NOT_AUTHORISED". */
  readonly code: string;
  readonly message: string;
  readonly events: readonly TxEvent[];
  /** Cost units charged for the transaction. */
  readonly cost: number;
}

export interface Block {
  readonly header: BlockHeader;
  readonly txs: readonly Uint8Array[];
  readonly commit: Commit;
}

/** The receipt format; /2 added the header's txCount, so a /1 receipt cannot verify under today's rules. */
export const receiptFormat = "kexin-receipt/2";

/**
 * A portable proof that a transaction was committed, checkable offline. Every binary field is
 * lower-case hex of canonical CBOR; only those bytes count, so a verifier trusts nothing else.
 */
export interface ReceiptJson {
  readonly format: typeof receiptFormat;
  readonly suite: string;
  readonly txHash: string;
  readonly tx: string;
  readonly txIndex: number;
  readonly txCount: number;
  readonly txProof: readonly string[];
  readonly result: string;
  readonly resultProof: readonly string[];
  readonly header: string;
  readonly commit: string;
  readonly validators: string;
}
