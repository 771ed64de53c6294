import { KexinError } from "@kexin/core";

/** Why a proposed or decided block is refused: each rule of the block pipeline's check has its code. */
export type BlockValidationErrorType =
  | { code: "BLOCK_DOES_NOT_DECODE" }
  | { code: "BLOCK_WRONG_CHAIN"; expected: string; got: string }
  | { code: "BLOCK_HEIGHT_MISMATCH"; expected: number; got: number; headHeight: number }
  | { code: "BLOCK_PREV_HASH_MISMATCH" }
  | { code: "BLOCK_APP_HASH_MISMATCH" }
  | { code: "BLOCK_VALIDATORS_HASH_MISMATCH" }
  | { code: "BLOCK_PROPOSER_NOT_VALIDATOR"; proposer: string }
  | { code: "BLOCK_TIME_BEFORE_PARENT"; time: number; parentTime: number }
  | { code: "BLOCK_TX_COUNT_MISMATCH"; headerTxCount: number; txs: number }
  | { code: "BLOCK_TOO_MANY_TXS"; txs: number; txsMax: number }
  | { code: "BLOCK_TOO_LARGE"; sizeBytes: number; sizeBytesMax: number }
  | { code: "BLOCK_TX_ROOT_MISMATCH" }
  | { code: "BLOCK_TX_DUPLICATE"; index: number; hash: string }
  /** `txCode` is the code admission gives the same transaction (TX_BAD_SIGNATURE, TX_NONCE_GAP, …). */
  | { code: "BLOCK_TX_INVALID"; index: number; hash: string; txCode: string; txMessage: string }
  | { code: "BLOCK_RESULTS_ROOT_MISMATCH" };
export class BlockValidationError extends KexinError<BlockValidationErrorType> {}

/** A block refusal in one line, its code first (BLOCK_TX_ROOT_MISMATCH: …), as the replica logs and compares it. */
export function blockRefusalReason(error: unknown): string {
  if (error instanceof KexinError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
