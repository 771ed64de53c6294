import { KexinError } from "@kexin/core";

export type CliErrorType =
  | { code: "CLI_USAGE" }
  | { code: "CLI_BAD_INPUT"; input: string }
  | { code: "CLI_FILE_NOT_FOUND"; path: string }
  | { code: "CLI_NOT_JSON"; path: string }
  | { code: "CLI_KEY_EXISTS"; path: string }
  | { code: "CLI_KEY_NOT_FOUND"; path: string }
  | { code: "CLI_NO_PASSPHRASE" }
  | { code: "CLI_CANCELLED" };

export class CliError extends KexinError<CliErrorType> {}

/** A transaction that was committed but whose execution failed; its code is the module's, e.g. POINTS_INSUFFICIENT. */
export type TransactionFailedErrorType = { code: string; hash: string; height: number; index: number };
export class TransactionFailedError extends KexinError<TransactionFailedErrorType> {}

export function badInput(input: string, message: string): CliError {
  return new CliError({ code: "CLI_BAD_INPUT", input }, message);
}

/** The file-system error code (ENOENT, EACCES, …) of a Node error, if any. */
export function systemErrorCode(error: unknown): string | undefined {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === "string" ? code : undefined;
}
