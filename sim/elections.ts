import type { CborValue, StakingGenesisSection } from "@kexin/core";
import type { ExtraCall } from "./load.ts";
import type { Random } from "./random.ts";

/**
 * An election run, as data: the staking section of its genesis (less allocations, which go to the
 * run's accounts). Epochs are short so that a run crosses many boundaries, and the seats are four so
 * that any elected set tolerates the one Byzantine validator an election run may have.
 */
export const electionScenario: Omit<StakingGenesisSection, "allocations"> = {
  enabled: true,
  epochBlocks: 4,
  validators: 4,
  selfStakeMin: 10,
  unbondingEpochs: 1,
  missedTurnsMax: 1,
};

export const stakePerAccount = 10_000;

/** Heights every honest node commits after the heal in an election run: several epochs and their delays. */
export const electionHeightsAfterHeal = 16;

/**
 * What account `account` sends after its points transactions: it stands every node key it is
 * given (node i belongs to account i mod accounts) with a random self-stake, delegates to random
 * candidates, and unbonds some again, so the top four change from epoch to epoch.
 */
export function drawStakingCalls(random: Random, nodePublicKeys: readonly string[], accountCount: number, account: number): ExtraCall[] {
  const calls: ExtraCall[] = [];
  const call = (type: string, payload: Record<string, CborValue>): void => {
    calls.push({ module: "staking", type, payload });
  };
  nodePublicKeys.forEach((publicKey, node) => {
    if (node % accountCount === account) call("register_candidate", { publicKey, selfStake: random.integer(electionScenario.selfStakeMin, 500) });
  });
  const delegations = random.integer(1, 4);
  for (let index = 0; index < delegations; index += 1) {
    const candidate = random.pick(nodePublicKeys);
    const amount = random.integer(1, 800);
    call("delegate", { candidate, amount });
    // Some stake is taken back later: the candidate loses it at once, the account regains it after the unbonding epochs.
    if (random.chance(0.4)) call("unbond", { candidate, amount: random.integer(1, amount) });
  }
  if (random.chance(0.3)) call("withdraw", {});
  return calls;
}
