import type { StateRead } from "../../execution/interface.ts";

/** The number of organisations of the chain, from identity's state. */
export function organisationCount(identity: StateRead): number {
  return identity.list("org/", 10_000).length;
}

/**
 * Approvals a consortium decision needs: more than two thirds of the organisations. Validator
 * changes and contract lifecycle proposals count approvals by this one rule.
 */
export function organisationApprovalsNeeded(identity: StateRead): number {
  return Math.floor((organisationCount(identity) * 2) / 3) + 1;
}

/** Adds an organisation's approval, keeping the list sorted so the stored record does not depend on approval order. */
export function withApproval(approvals: readonly string[], org: string): string[] {
  return [...approvals, org].sort();
}
