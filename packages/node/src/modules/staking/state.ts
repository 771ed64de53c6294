import type { StakingCandidate, StakingUnbonding } from "@kexin/core";
import type { StateRead, StateWrite } from "../../execution/interface.ts";
import { StakingError } from "./errors.ts";
import { stakingKeys, stakingLimits } from "./keys.ts";

interface StoredCandidate {
  readonly publicKey: string;
  readonly owner: string;
  readonly selfStake: number;
  readonly delegated: number;
}

export function balanceOf(state: StateRead, address: string): number {
  return (state.get(stakingKeys.balance(address)) as number | undefined) ?? 0;
}

export function setBalance(state: StateWrite, address: string, balance: number): void {
  if (balance === 0) state.delete(stakingKeys.balance(address));
  else state.set(stakingKeys.balance(address), balance);
}

/** Takes `amount` from the account's liquid stake, refusing more than it holds. */
export function spendBalance(state: StateWrite, address: string, amount: number): void {
  const balance = balanceOf(state, address);
  if (amount > balance) throw new StakingError({ code: "STAKING_INSUFFICIENT_BALANCE", balance, amount }, `account ${address} holds ${balance} stake; ${amount} was asked`);
  setBalance(state, address, balance - amount);
}

function withTotal(stored: StoredCandidate): StakingCandidate {
  return { ...stored, total: stored.selfStake + stored.delegated };
}

export function readCandidate(state: StateRead, publicKey: string): StakingCandidate | undefined {
  const stored = state.get(stakingKeys.candidate(publicKey)) as StoredCandidate | undefined;
  return stored === undefined ? undefined : withTotal(stored);
}

export function requireCandidate(state: StateRead, publicKey: string): StakingCandidate {
  const candidate = readCandidate(state, publicKey);
  if (!candidate) throw new StakingError({ code: "STAKING_UNKNOWN_CANDIDATE", publicKey }, `${publicKey} is not a candidate`);
  return candidate;
}

export function writeCandidate(state: StateWrite, candidate: StoredCandidate): void {
  state.set(stakingKeys.candidate(candidate.publicKey), { publicKey: candidate.publicKey, owner: candidate.owner, selfStake: candidate.selfStake, delegated: candidate.delegated });
}

/** Every candidate in key order; their number is bounded by stakingLimits.candidatesMax. */
export function listCandidates(state: StateRead): StakingCandidate[] {
  return state.list(stakingKeys.candidatePrefix, stakingLimits.candidatesMax).map((entry) => withTotal(entry.value as unknown as StoredCandidate));
}

export function delegationOf(state: StateRead, address: string, publicKey: string): number {
  return (state.get(stakingKeys.delegation(address, publicKey)) as number | undefined) ?? 0;
}

export function listDelegations(state: StateRead, address: string): { candidate: string; amount: number }[] {
  const prefix = stakingKeys.delegationPrefix(address);
  return state.list(prefix, stakingLimits.delegationsPerAccountMax).map((entry) => ({ candidate: entry.key.slice(prefix.length), amount: entry.value as number }));
}

export function listUnbondings(state: StateRead, address: string): StakingUnbonding[] {
  return state.list(stakingKeys.unbondingPrefix(address), stakingLimits.unbondingsPerAccountMax).map((entry) => entry.value as unknown as StakingUnbonding);
}
