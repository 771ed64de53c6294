import { type StakingGenesisSection, type StakingSettings, stakingModuleName } from "@kexin/core";
import type { StateRead } from "../../execution/interface.ts";
import type { Genesis } from "../../genesis.ts";
import { stakingKeys } from "./keys.ts";

/** The genesis section, when the chain has one. */
export function stakingGenesisSection(genesis: Genesis): StakingGenesisSection | undefined {
  return genesis.sections?.[stakingModuleName] as StakingGenesisSection | undefined;
}

/** Whether validators are elected by stake rather than approved by the organisations. */
export function stakingElectsValidators(genesis: Genesis): boolean {
  return stakingGenesisSection(genesis)?.enabled === true;
}

/**
 * The election's settings as state holds them (written at genesis): the one place they are read,
 * so that they can later be changed by proposal. Undefined when staking is not enabled.
 */
export function readStakingSettings(state: StateRead): StakingSettings | undefined {
  const settings = state.get(stakingKeys.settings) as StakingSettings | undefined;
  return settings?.enabled === true ? settings : undefined;
}

/** Epochs count from 0: blocks 1..E are epoch 0, E+1..2E epoch 1. */
export function epochOf(height: number, epochBlocks: number): number {
  return Math.floor((Math.max(1, height) - 1) / epochBlocks);
}
