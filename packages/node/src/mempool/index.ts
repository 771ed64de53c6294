export { TxError, type TxErrorType } from "./errors.ts";
export { TxIntake, type IntakeOutcome, type IntakeSource } from "./intake.ts";
export { Mempool, type MempoolDependencies, type PrecheckedTx } from "./mempool.ts";
export { type MempoolOptions, defaultMempoolOptions } from "./options.ts";
export {
  InlineSignatureVerifier,
  type SignatureCheck,
  type SignatureVerifier,
  WorkerSignatureVerifier,
  defaultSignatureWorkers,
} from "./signatureVerifier.ts";
