import { type StakingElection, type StakingEpochAnswer, type StakingJailed, type Validator, toHex } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import { integerParameter } from "../../execution/integerParameter.ts";
import { type QueryDefinition, defineQuery } from "../../execution/interface.ts";
import { rankCandidates } from "./election.ts";
import { stakingKeys, stakingLimits } from "./keys.ts";
import { electedValidatorsAt, lastScheduled } from "./schedule.ts";
import { epochOf, readStakingSettings } from "./settings.ts";
import { balanceOf, listCandidates, listDelegations, listUnbondings } from "./state.ts";

const address = Type.String({ pattern: "^[0-9a-f]{40}$", description: "the account's address, 40 hex digits" });

export function stakingQueries(genesisValidators: readonly Validator[]): Record<string, QueryDefinition> {
  return {
    settings: defineQuery({
      description: "The election's settings, or null when the chain does not elect validators by stake.",
      parameters: Type.Object({}, { additionalProperties: false }),
      run: (state) => readStakingSettings(state) ?? null,
    }),
    candidates: defineQuery({
      description: "Every candidate with its self-stake, delegated stake and total, in election order.",
      parameters: Type.Object({}, { additionalProperties: false }),
      run: (state) => rankCandidates(listCandidates(state)),
    }),
    account: defineQuery({
      description: "An account's liquid stake, its delegations and its unbondings.",
      parameters: Type.Object({ address }, { additionalProperties: false }),
      run: (state, query) => ({ address: query.address, balance: balanceOf(state, query.address), delegations: listDelegations(state, query.address), unbondings: listUnbondings(state, query.address) }),
    }),
    epoch: defineQuery({
      description: "The current epoch, the set deciding the next block, the newest elected set and the last election.",
      parameters: Type.Object({}, { additionalProperties: false }),
      run: (state, _query, _readModule, blocks): StakingEpochAnswer | null => {
        const settings = readStakingSettings(state);
        if (!settings) return null;
        const next = blocks.height + 1;
        const current = electedValidatorsAt(state, genesisValidators, next).map((validator) => toHex(validator.publicKey));
        const scheduled = lastScheduled(state);
        const upcoming = scheduled !== undefined && scheduled.height > next ? scheduled : undefined;
        const lastElection = state.get(stakingKeys.lastElection) as StakingElection | undefined;
        return {
          epoch: epochOf(next, settings.epochBlocks),
          epochBlocks: settings.epochBlocks,
          current,
          next: upcoming?.validators ?? current,
          ...(upcoming ? { nextEffectiveHeight: upcoming.height } : {}),
          ...(lastElection ? { lastElection } : {}),
        };
      },
    }),
    jailed: defineQuery({
      description: "Validators excluded from an epoch's set for missed proposer turns (default: the current epoch).",
      parameters: Type.Object({ epoch: Type.Optional(integerParameter({ maximum: Number.MAX_SAFE_INTEGER }, "the epoch (default: the current)")) }, { additionalProperties: false }),
      run: (state, query, _readModule, blocks): StakingJailed[] => {
        const settings = readStakingSettings(state);
        if (!settings) return [];
        const epoch = query.epoch === undefined ? epochOf(blocks.height + 1, settings.epochBlocks) : Number(query.epoch);
        return state.list(stakingKeys.jailedPrefix(epoch), stakingLimits.candidatesMax).map((entry) => entry.value as unknown as StakingJailed);
      },
    }),
    election: defineQuery({
      description: "What the election at the end of an epoch decided.",
      parameters: Type.Object({ epoch: integerParameter({ maximum: Number.MAX_SAFE_INTEGER }, "the epoch that ended") }, { additionalProperties: false }),
      run: (state, query) => (state.get(stakingKeys.election(Number(query.epoch))) as StakingElection | undefined) ?? null,
    }),
  };
}
