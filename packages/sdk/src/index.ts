export { type Client, type ClientOptions, type FetchFunction, createClient } from "./clients/createClient.ts";
export { type KexinClient, createKexinClient } from "./clients/createKexinClient.ts";

export * from "./actions/buildAndSend.ts";
export * from "./actions/getAccount.ts";
export * from "./actions/getBlock.ts";
export * from "./actions/getBlocks.ts";
export * from "./actions/getStatus.ts";
export * from "./actions/getTransaction.ts";
export * from "./actions/prepareTransaction.ts";
export * from "./actions/query.ts";
export * from "./actions/sendTransaction.ts";
export * from "./actions/sendTransactions.ts";
export * from "./actions/waitForCommit.ts";
export * from "./actions/watchBlocks.ts";
export * from "./actions/watchEvents.ts";

export type { TxCall } from "./call.ts";
export { ApiError, type ApiErrorType, KexinError, SdkError, type SdkErrorType } from "./errors.ts";
export type * from "./types.ts";
export * from "./wallet/index.ts";

export * from "./services.ts";
export type { MemberView } from "@kexin/core";

export {
  type ReceiptCheck,
  type ReceiptCheckOutcome,
  type ReceiptDocumentCheck,
  type ReceiptDocumentCheckOutcome,
  type ReceiptDocumentVerification,
  type ReceiptJson,
  type ReceiptTrust,
  type ReceiptVerification,
  type SuiteId,
  receiptOfDocument,
  verifyReceipt,
  verifyReceiptDocument,
  type StateProofEntry,
  type StateProofEntryJson,
  type StateProofJson,
  type StateProofTrust,
  type StateProofVerification,
  StateProofError,
  isStateProofDocument,
  stateProofFormat,
  verifyStateProof,
} from "@kexin/core";
