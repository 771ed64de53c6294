import { KexinError } from "@kexin/core";

export type TxErrorType =
  | { code: "TX_TOO_LARGE"; sizeBytes: number; sizeBytesMax: number }
  | { code: "TX_WRONG_CHAIN"; expected: string; got: string }
  | { code: "TX_EXPIRED"; expiry: number; height: number }
  | { code: "TX_DUPLICATE"; hash: string }
  | { code: "TX_BAD_SIGNATURE"; signer: string }
  | { code: "TX_NONCE_USED"; expected: number; got: number }
  | { code: "TX_NONCE_GAP"; expected: number; got: number }
  | { code: "MEMPOOL_FULL"; limit: string };
export class TxError extends KexinError<TxErrorType> {}

export function duplicateTxError(hashHex: string): TxError {
  return new TxError({ code: "TX_DUPLICATE", hash: hashHex }, `transaction ${hashHex} was already submitted`);
}
