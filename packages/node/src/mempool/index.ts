export { TxError, type TxErrorType } from "./errors.ts";
export { TxIntake, type IntakeOutcome, type IntakeSource } from "./intake.ts";
export { Mempool, type MempoolDependencies, type TxsAvailableListener } from "./mempool.ts";
export { type PrecheckedTx, type TxCheckContext, type TxCheckRules, checkTx, checkTxExpiry, checkTxNonce, hashOfTx } from "./txCheck.ts";
export { type MempoolOptions, defaultMempoolOptions } from "./options.ts";
export {
  InlineSignatureVerifier,
  type SignatureCheck,
  type SignatureVerifier,
  WorkerSignatureVerifier,
  defaultSignatureWorkers,
} from "./signatureVerifier.ts";
