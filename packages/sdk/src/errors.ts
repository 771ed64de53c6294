import { type ContractErrorCode, KexinError } from "@kexin/core";

export { KexinError };

/** The node answered with `{ error: { code, message, details } }` and an HTTP status from docs/api.md. */
export type ApiErrorType = {
  code: string;
  status: number;
  details: Readonly<Record<string, unknown>> | undefined;
};

export class ApiError extends KexinError<ApiErrorType> {
  get status(): number {
    return this.type.status;
  }

  get details(): Readonly<Record<string, unknown>> | undefined {
    return this.type.details;
  }
}

/** Failures found by the SDK itself, before or after talking to the node. */
export type SdkErrorType =
  | { code: "SDK_INVALID_PARAMETER"; parameter: string; reason: string }
  | { code: "SDK_NETWORK_ERROR"; url: string; reason: string }
  | { code: "SDK_BAD_RESPONSE"; url: string; status: number; reason: string }
  | { code: "SDK_WAIT_TIMEOUT"; hash: string; timeoutMs: number; lastStatus: string }
  | { code: "SDK_WEBSOCKET_ERROR"; url: string; reason: string }
  /** A committed contract call the contracts module refused or the contract failed: its CONTRACT_ code. */
  | { code: ContractErrorCode; contract: string; method: string; hash: string; height: number }
  /** A committed transaction that failed with a code of another module (identity, the executor). */
  | { code: "SDK_TRANSACTION_FAILED"; resultCode: string; hash: string; height: number };

export class SdkError extends KexinError<SdkErrorType> {}

export function invalidParameter(context: string, parameter: string, reason: string): SdkError {
  return new SdkError({ code: "SDK_INVALID_PARAMETER", parameter, reason }, `${context}: "${parameter}" ${reason}`);
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
