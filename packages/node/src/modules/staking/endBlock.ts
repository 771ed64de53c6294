import { type StakingElection, type StakingSettings, type Validator, toHex } from "@kexin/core";
import { ValidatorSet } from "../../consensus/bft/validatorSet.ts";
import type { EndBlockContext, StateRead, StateWrite } from "../../execution/interface.ts";
import { parameterScheduleModule, scheduledValueAt } from "../../execution/chainParameters.ts";
import { governanceParameters, validatorChangeDelayName } from "../governance/index.ts";
import { electValidators } from "./election.ts";
import { stakingKeys } from "./keys.ts";
import { epochOf, readStakingSettings } from "./settings.ts";
import { electedValidatorsAt, scheduleValidators } from "./schedule.ts";
import { listCandidates } from "./state.ts";

/** Elected validators vote with equal power, as ChainMaker's DPoS gives each elected node one vote. */
const electedPower = 1;

/**
 * At the end of every block: counts a missed turn for the round-0 proposer when another validator
 * proposed the committed block, and at the last block of an epoch elects the next epoch's set.
 */
export function stakingEndBlock(context: EndBlockContext, genesisValidators: readonly Validator[]): void {
  const settings = readStakingSettings(context.state);
  if (!settings) return;
  countMissedTurn(context, settings, genesisValidators);
  if (context.block.height % settings.epochBlocks === 0) elect(context.state, settings, genesisValidators, context.block.height, validatorChangeDelay(context));
}

/** The validator whose round-0 turn it was at `height`, in hex. */
export function expectedProposer(validators: readonly Validator[], height: number): string {
  const set = new ValidatorSet(validators);
  return toHex(set.publicKey(set.proposer(height, 0)));
}

function countMissedTurn(context: EndBlockContext, settings: StakingSettings, genesisValidators: readonly Validator[]): void {
  const { height, proposer } = context.block;
  if (proposer === undefined) return;
  const expected = expectedProposer(electedValidatorsAt(context.state, genesisValidators, height), height);
  if (expected === toHex(proposer)) return;
  const key = stakingKeys.missedTurns(epochOf(height, settings.epochBlocks), expected);
  context.state.set(key, ((context.state.get(key) as number | undefined) ?? 0) + 1);
}

/** Validators that missed more than the threshold of their turns in `epoch`. */
function overThreshold(state: StateRead, epoch: number, missedTurnsMax: number): { publicKey: string; missedTurns: number }[] {
  const prefix = stakingKeys.missedTurnsPrefix(epoch);
  return state
    .list(prefix, 1_000)
    .map((entry) => ({ publicKey: entry.key.slice(prefix.length), missedTurns: entry.value as number }))
    .filter((entry) => entry.missedTurns > missedTurnsMax);
}

/** The delay governance gives a validator change at this height, a chain parameter. */
function validatorChangeDelay(context: EndBlockContext): number {
  return scheduledValueAt(context.readModule(parameterScheduleModule), validatorChangeDelayName, context.block.height, governanceParameters.validatorChangeDelayBlocks.default);
}

function elect(state: StateWrite, settings: StakingSettings, genesisValidators: readonly Validator[], height: number, delay: number): void {
  const epoch = epochOf(height, settings.epochBlocks);
  const jailed = overThreshold(state, epoch, settings.missedTurnsMax);
  for (const entry of jailed) state.set(stakingKeys.jailed(epoch + 1, entry.publicKey), { publicKey: entry.publicKey, epoch: epoch + 1, missedTurns: entry.missedTurns });
  const jailedKeys = jailed.map((entry) => entry.publicKey);
  const result = electValidators(listCandidates(state), settings.validators, settings.selfStakeMin, new Set(jailedKeys));
  const effectiveHeight = height + delay;
  const current = electedValidatorsAt(state, genesisValidators, effectiveHeight).map((validator) => toHex(validator.publicKey)).sort();
  let election: StakingElection;
  if (result.outcome === "refused") {
    election = { epoch, height, outcome: "refused", reason: `${result.reason}; the current set stays`, validators: current, jailed: jailedKeys };
  } else if (result.validators.join() === current.join()) {
    election = { epoch, height, outcome: "unchanged", reason: "the top candidates are the current validators", validators: current, jailed: jailedKeys };
  } else {
    scheduleValidators(state, effectiveHeight, result.validators.map((publicKey) => ({ publicKey, power: electedPower })));
    election = { epoch, height, outcome: "scheduled", reason: `the top ${result.validators.length} candidates by stake`, effectiveHeight, validators: [...result.validators], jailed: jailedKeys };
  }
  state.set(stakingKeys.election(epoch), election);
  state.set(stakingKeys.lastElection, election);
}
