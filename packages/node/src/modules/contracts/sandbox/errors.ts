import { KexinError } from "@kexin/core";
import { ExecutionFault } from "../../../execution/errors.ts";

/** What the sandbox refuses about a contract's code itself, before any method runs. */
export type ContractCodeErrorType =
  | { code: "CONTRACT_CODE_INVALID"; reason: string }
  | { code: "CONTRACT_CODE_TOO_LARGE"; sizeBytes: number; sizeBytesMax: number };
export class ContractCodeError extends KexinError<ContractCodeErrorType> {}

/**
 * The interpreter's memory image no longer matches what the sandbox relies on (an unexpected
 * build of QuickJS, or a broken invariant). Not a contract outcome: the node must stop.
 */
export class ContractSandboxFault extends Error {}

/** A contract would run before the interpreter is loaded: the block is abandoned, never given a result that depends on it. */
export class ContractSandboxNotLoaded extends ExecutionFault {}
