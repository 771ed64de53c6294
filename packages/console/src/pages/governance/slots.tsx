/**
 * Where the chain parameters go: their values in force, proposals to change them with their
 * approvals and review window. The node does not offer parameter proposals yet, so this shows
 * nothing until it does.
 */
export function ParametersPanel() {
  return null;
}

/**
 * Where delegated proof of stake goes: candidates with their stake and delegations, and the set
 * the next epoch will elect. The node runs no staking service yet, so this shows nothing until it does.
 */
export function CandidatesPanel() {
  return null;
}
