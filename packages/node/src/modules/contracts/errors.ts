import { ContractError, type ContractErrorCode } from "@kexin/core";

export function contractError(code: ContractErrorCode, message: string, about: { contract?: string; method?: string; proposal?: string; gasUsed?: number } = {}): ContractError {
  return new ContractError({ code, ...about }, message);
}

/** HTTP statuses of the contract codes; any code not listed answers 400. */
export const contractsHttpStatusByCode: Readonly<Record<string, number>> = {
  CONTRACT_NOT_FOUND: 404,
  CONTRACT_PROPOSAL_NOT_FOUND: 404,
  CONTRACT_METHOD_NOT_FOUND: 404,
  CONTRACT_PROPOSAL_EXISTS: 409,
  CONTRACT_ALREADY_APPROVED: 409,
  CONTRACT_NAME_TAKEN: 409,
  CONTRACT_NOT_ADMIN: 403,
  CONTRACT_METHOD_NOT_ALLOWED: 403,
};
