import { KexinError } from "@kexin/core";

/** A contract that cannot be bundled into one self-contained module; problems name file and line. */
export type ContractBuildErrorType = { code: "CLI_CONTRACT_BUILD"; entry: string; problems: readonly string[] };
export class ContractBuildError extends KexinError<ContractBuildErrorType> {}
