import { KexinError } from "@kexin/core";

export type GovernanceErrorType =
  | { code: "GOVERNANCE_UNKNOWN_PROPOSAL"; id: string }
  | { code: "GOVERNANCE_PROPOSAL_EXISTS"; id: string }
  | { code: "GOVERNANCE_ALREADY_APPROVED"; id: string; org: string }
  | { code: "GOVERNANCE_ALREADY_VETOED"; id: string; org: string }
  | { code: "GOVERNANCE_CLOSED"; id: string }
  | { code: "GOVERNANCE_INVALID_CHANGE"; reason: string }
  | { code: "GOVERNANCE_TOO_MANY_PROPOSALS"; limit: number }
  | { code: "GOVERNANCE_NOT_BFT" }
  | { code: "GOVERNANCE_UNKNOWN_PARAMETER"; name: string }
  | { code: "GOVERNANCE_PARAMETER_OUT_OF_BOUNDS"; name: string; value: number; minimum: number; maximum: number }
  | { code: "GOVERNANCE_EFFECTIVE_TOO_EARLY"; effectiveHeight: number; earliest: number }
  | { code: "GOVERNANCE_PARAMETER_CONFLICT"; name: string; effectiveHeight: number }
  | { code: "GOVERNANCE_VETO_OUTSIDE_WINDOW"; id: string; status: string; effectiveHeight: number; height: number };
export class GovernanceError extends KexinError<GovernanceErrorType> {}

/** HTTP statuses of the codes that are not plain bad input (400). */
export const governanceHttpStatusByCode: Readonly<Record<string, number>> = {
  GOVERNANCE_UNKNOWN_PROPOSAL: 404,
  GOVERNANCE_PROPOSAL_EXISTS: 409,
  GOVERNANCE_ALREADY_APPROVED: 409,
  GOVERNANCE_ALREADY_VETOED: 409,
  GOVERNANCE_CLOSED: 409,
  GOVERNANCE_PARAMETER_CONFLICT: 409,
  GOVERNANCE_VETO_OUTSIDE_WINDOW: 409,
};
