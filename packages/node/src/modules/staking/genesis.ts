import type { CryptoSuite, StakingSettings } from "@kexin/core";
import type { GenesisContext } from "../../execution/interface.ts";
import type { Genesis } from "../../genesis.ts";
import { StakingError } from "./errors.ts";
import { stakingKeys } from "./keys.ts";
import { stakingGenesisSection } from "./settings.ts";

const invalid = (reason: string): never => {
  throw new StakingError({ code: "STAKING_GENESIS_INVALID", reason }, `genesis sections.staking: ${reason}`);
};

/**
 * Stake exists only from here: transactions move it between balances, bonds and unbondings, so
 * every amount is at most the genesis total, which must be a safe integer.
 */
export function writeStakingGenesis(context: GenesisContext, genesis: Genesis, _suite: CryptoSuite): void {
  const section = stakingGenesisSection(genesis);
  if (!section) return;
  if (section.enabled && genesis.consensus !== "bft") invalid("staking elects validators, which needs bft consensus");
  const addresses = Object.keys(section.allocations).sort();
  const total = addresses.reduce((sum, address) => sum + (section.allocations[address] as number), 0);
  if (!Number.isSafeInteger(total)) invalid(`allocations add up to more than ${Number.MAX_SAFE_INTEGER}`);
  const settings: StakingSettings = {
    enabled: section.enabled,
    epochBlocks: section.epochBlocks,
    validators: section.validators,
    selfStakeMin: section.selfStakeMin,
    unbondingEpochs: section.unbondingEpochs,
    missedTurnsMax: section.missedTurnsMax,
  };
  context.state.set(stakingKeys.settings, settings);
  for (const address of addresses) context.state.set(stakingKeys.balance(address), section.allocations[address] as number);
}
