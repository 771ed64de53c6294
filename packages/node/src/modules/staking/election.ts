import type { StakingCandidate } from "@kexin/core";

/** The least validators an election may leave: BFT needs n = 3f + 1 with f ≥ 1. */
export const electedValidatorsMin = 4;

export type ElectionResult = { readonly outcome: "elected"; readonly validators: readonly string[] } | { readonly outcome: "refused"; readonly reason: string; readonly validators: readonly string[] };

/**
 * Candidates in election order: more total stake first; equal stake by public key bytes, lower
 * first. Keys of one chain have one length, so comparing their lowercase hex compares their bytes.
 */
export function rankCandidates(candidates: readonly StakingCandidate[]): StakingCandidate[] {
  return [...candidates].sort((a, b) => (a.total !== b.total ? b.total - a.total : a.publicKey < b.publicKey ? -1 : a.publicKey > b.publicKey ? 1 : 0));
}

/**
 * The next epoch's validators: the top `seats` eligible candidates (self-stake at least the
 * minimum, not jailed), in key order. Fewer than four is refused: the caller keeps the current set.
 */
export function electValidators(candidates: readonly StakingCandidate[], seats: number, selfStakeMin: number, jailed: ReadonlySet<string>): ElectionResult {
  const eligible = candidates.filter((candidate) => candidate.selfStake >= selfStakeMin && !jailed.has(candidate.publicKey));
  const chosen = rankCandidates(eligible)
    .slice(0, seats)
    .map((candidate) => candidate.publicKey)
    .sort();
  if (chosen.length < electedValidatorsMin) {
    return { outcome: "refused", reason: `only ${chosen.length} eligible candidates; an election needs at least ${electedValidatorsMin}`, validators: chosen };
  }
  return { outcome: "elected", validators: chosen };
}
