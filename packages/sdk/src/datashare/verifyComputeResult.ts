import { type ComputeOutcome, type ComputeRecord, type CryptoSuite, verifyComputeResult as verifyComputeResultOffline } from "@kexin/core";

export type VerifyComputeResultParameters = {
  readonly suite: CryptoSuite;
  readonly chainId: string;
  /** The compute request with its result, as getComputeResult answers it. */
  readonly compute: ComputeRecord;
  /** The model's code hash the verifier expects (the approved contract's, from contracts.get). */
  readonly codeHash?: string;
};
export type VerifyComputeResultReturnType = ComputeOutcome;
/** DatashareError DATASHARE_COMPUTE_RESULT_INVALID: no result, another code hash, or a signature that does not verify. */
export type VerifyComputeResultErrorType = Error;

/** Checks offline that the owner's node key signed the result over the model's code hash, the records read (ids and ciphertext hashes) and the outcome. */
export function verifyComputeResult(parameters: VerifyComputeResultParameters): VerifyComputeResultReturnType {
  return verifyComputeResultOffline(parameters.suite, parameters.chainId, parameters.compute, parameters.codeHash === undefined ? {} : { codeHash: parameters.codeHash });
}
