import { KexinError } from "../errors.ts";

/** Every refusal of the contracts service and its sandbox; a failed call's receipt carries one of these codes. */
export const contractErrorCodes = [
  "CONTRACT_CODE_INVALID",
  "CONTRACT_CODE_HASH_MISMATCH",
  "CONTRACT_CODE_TOO_LARGE",
  "CONTRACT_NOT_FOUND",
  "CONTRACT_FROZEN",
  "CONTRACT_NOT_ACTIVE",
  "CONTRACT_METHOD_NOT_FOUND",
  "CONTRACT_METHOD_NOT_ALLOWED",
  "CONTRACT_ARGS_INVALID",
  "CONTRACT_OUT_OF_GAS",
  "CONTRACT_MEMORY_EXCEEDED",
  "CONTRACT_STACK_EXCEEDED",
  "CONTRACT_CALL_DEPTH",
  "CONTRACT_FLOAT_REFUSED",
  "CONTRACT_VALUE_INVALID",
  "CONTRACT_VALUE_TOO_LARGE",
  "CONTRACT_EVENT_TOO_LARGE",
  "CONTRACT_RESULT_TOO_LARGE",
  "CONTRACT_THREW",
  "CONTRACT_NONDETERMINISTIC_API",
  "CONTRACT_PROPOSAL_EXISTS",
  "CONTRACT_PROPOSAL_NOT_FOUND",
  "CONTRACT_ALREADY_APPROVED",
  "CONTRACT_NAME_TAKEN",
  "CONTRACT_GAS_LIMIT_TOO_HIGH",
  "CONTRACT_NOT_ADMIN",
  "CONTRACT_NOT_ENABLED",
] as const;
export type ContractErrorCode = (typeof contractErrorCodes)[number];

/** What a contract refusal carries besides its code: what it concerns, when that is known. */
export interface ContractErrorType {
  readonly code: ContractErrorCode;
  readonly contract?: string;
  readonly method?: string;
  readonly proposal?: string;
  /** Gas the failed run used, when it ran; an inner call's caller is charged it. */
  readonly gasUsed?: number;
}
export class ContractError extends KexinError<ContractErrorType> {}

export function isContractErrorCode(code: string): code is ContractErrorCode {
  return (contractErrorCodes as readonly string[]).includes(code);
}
