/**
 * Where delegated proof of stake goes: candidates with their stake and delegations, and the set
 * the next epoch will elect. The node runs no staking service yet, so this shows nothing until it does.
 */
export function CandidatesPanel() {
  return null;
}
