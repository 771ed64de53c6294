/** What a consortium proposal records of its approvals: contract lifecycle and validator changes alike. */
export interface ApprovedProposal {
  readonly approvals: readonly string[];
  readonly status: string;
}

export interface ApprovalProgress {
  /** Organisations that approved, as the proposal records them. */
  readonly approved: readonly string[];
  /** Organisations that have not approved yet, in the consortium's order. */
  readonly waiting: readonly string[];
  /** Approvals a decision needs: more than two thirds of the organisations. */
  readonly needed: number;
  readonly organisations: number;
  /** Approvals still missing; 0 once approved. */
  readonly missing: number;
}

/** Where a proposal stands among the consortium's organisations, by the node's rule (more than two thirds). */
export function approvalProgress(proposal: ApprovedProposal, organisations: readonly string[]): ApprovalProgress {
  const needed = Math.floor((organisations.length * 2) / 3) + 1;
  const waiting = organisations.filter((organisation) => !proposal.approvals.includes(organisation));
  const missing = proposal.status === "approved" ? 0 : Math.max(0, needed - proposal.approvals.length);
  return { approved: proposal.approvals, waiting, needed, organisations: organisations.length, missing };
}
