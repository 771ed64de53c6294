import { KexinError } from "@kexin/core";

/** Refusals that apply to every module; modules add their own error classes with their own codes. */
export type ExecutionErrorType =
  | { code: "TX_UNKNOWN_MODULE"; module: string }
  | { code: "TX_UNKNOWN_TYPE"; module: string; type: string }
  | { code: "TX_PAYLOAD_INVALID"; field: string; reason: string }
  | { code: "TX_SIGNER_NOT_REGISTERED"; address: string }
  | { code: "TX_NOT_AUTHORISED"; address: string; required: string }
  | { code: "TX_COST_EXCEEDED"; costMax: number }
  | { code: "TX_LIMIT_EXCEEDED"; limit: string };
export class ExecutionError extends KexinError<ExecutionErrorType> {}

export function notAuthorised(address: string, required: string, message: string): ExecutionError {
  return new ExecutionError({ code: "TX_NOT_AUTHORISED", address, required }, message);
}

/**
 * Execution cannot go on in this process (something it needs is not loaded). Not an outcome of the
 * transaction: the executor lets it through, so the block is abandoned rather than recorded with a
 * result another node would not reach.
 */
export class ExecutionFault extends Error {}
