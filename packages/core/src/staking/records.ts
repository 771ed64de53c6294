import { Type } from "@sinclair/typebox";
import type { WireStatic } from "../wireCheck.ts";

export const stakingModuleName = "staking";

const address = Type.String({ pattern: "^[0-9a-f]{40}$", description: "an account address, 40 hex digits" });
const publicKeyHex = Type.String({ pattern: "^[0-9a-f]{2,256}$", description: "a validator node's public key in hex" });
/** Stake is counted in whole units; every balance is at most the genesis total, a safe integer. */
export const stakeAmountSchema = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });

/**
 * `sections.staking` of genesis.json: the stake each account holds at genesis (the token is never
 * minted afterwards) and the election's settings.
 */
export const stakingGenesisSectionSchema = Type.Object(
  {
    enabled: Type.Boolean(),
    allocations: Type.Record(Type.String({ pattern: "^[0-9a-f]{40}$" }), stakeAmountSchema),
    epochBlocks: Type.Integer({ minimum: 2, maximum: 1_000_000 }),
    validators: Type.Integer({ minimum: 4, maximum: 100 }),
    selfStakeMin: stakeAmountSchema,
    unbondingEpochs: Type.Integer({ minimum: 0, maximum: 1_000 }),
    missedTurnsMax: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  },
  { additionalProperties: false },
);
export type StakingGenesisSection = WireStatic<typeof stakingGenesisSectionSchema>;
/** The election's settings as the chain reads them (the genesis section less its allocations). */
export type StakingSettings = Omit<StakingGenesisSection, "allocations">;

export const stakingCandidateSchema = Type.Object({
  publicKey: publicKeyHex,
  owner: address,
  selfStake: Type.Integer({ minimum: 0 }),
  delegated: Type.Integer({ minimum: 0 }),
  total: Type.Integer({ minimum: 0 }),
});
export type StakingCandidate = WireStatic<typeof stakingCandidateSchema>;

export const stakingDelegationSchema = Type.Object({ candidate: publicKeyHex, amount: Type.Integer({ minimum: 1 }) });
export type StakingDelegation = WireStatic<typeof stakingDelegationSchema>;

export const stakingUnbondingSchema = Type.Object({ id: Type.Integer({ minimum: 0 }), candidate: publicKeyHex, amount: Type.Integer({ minimum: 1 }), releaseEpoch: Type.Integer({ minimum: 0 }) });
export type StakingUnbonding = WireStatic<typeof stakingUnbondingSchema>;

export const stakingAccountSchema = Type.Object({
  address,
  balance: Type.Integer({ minimum: 0 }),
  delegations: Type.Array(stakingDelegationSchema),
  unbondings: Type.Array(stakingUnbondingSchema),
});
export type StakingAccount = WireStatic<typeof stakingAccountSchema>;

/** What an epoch boundary decided: a scheduled set, or the current set kept and why. */
export const stakingElectionSchema = Type.Object({
  epoch: Type.Integer({ minimum: 0 }),
  height: Type.Integer({ minimum: 1 }),
  outcome: Type.Union([Type.Literal("scheduled"), Type.Literal("unchanged"), Type.Literal("refused")]),
  reason: Type.String(),
  effectiveHeight: Type.Optional(Type.Integer({ minimum: 1 })),
  validators: Type.Array(publicKeyHex),
  jailed: Type.Array(publicKeyHex),
});
export type StakingElection = WireStatic<typeof stakingElectionSchema>;

export const stakingEpochAnswerSchema = Type.Object({
  epoch: Type.Integer({ minimum: 0 }),
  epochBlocks: Type.Integer({ minimum: 1 }),
  current: Type.Array(publicKeyHex),
  next: Type.Array(publicKeyHex),
  nextEffectiveHeight: Type.Optional(Type.Integer({ minimum: 1 })),
  lastElection: Type.Optional(stakingElectionSchema),
});
export type StakingEpochAnswer = WireStatic<typeof stakingEpochAnswerSchema>;

export const stakingJailedSchema = Type.Object({ publicKey: publicKeyHex, epoch: Type.Integer({ minimum: 0 }), missedTurns: Type.Integer({ minimum: 0 }) });
export type StakingJailed = WireStatic<typeof stakingJailedSchema>;

export const stakingCandidatePayloadSchema = Type.Object({ publicKey: publicKeyHex, selfStake: stakeAmountSchema }, { additionalProperties: false });
export const stakingDelegatePayloadSchema = Type.Object({ candidate: publicKeyHex, amount: stakeAmountSchema }, { additionalProperties: false });
export const stakingUnbondPayloadSchema = Type.Object({ candidate: publicKeyHex, amount: stakeAmountSchema }, { additionalProperties: false });
export const stakingWithdrawPayloadSchema = Type.Object({}, { additionalProperties: false });
