import { KexinError } from "@kexin/core";

export type StakingErrorType =
  | { code: "STAKING_DISABLED" }
  | { code: "STAKING_GENESIS_INVALID"; reason: string }
  | { code: "STAKING_NOT_NODE_OWNER"; publicKey: string }
  | { code: "STAKING_BAD_PUBLIC_KEY"; publicKey: string }
  | { code: "STAKING_CANDIDATE_EXISTS"; publicKey: string }
  | { code: "STAKING_TOO_MANY_CANDIDATES"; limit: number }
  | { code: "STAKING_SELF_STAKE_TOO_LOW"; selfStake: number; minimum: number }
  | { code: "STAKING_INSUFFICIENT_BALANCE"; balance: number; amount: number }
  | { code: "STAKING_UNKNOWN_CANDIDATE"; publicKey: string }
  | { code: "STAKING_INSUFFICIENT_BOND"; bonded: number; amount: number }
  | { code: "STAKING_TOO_MANY_UNBONDINGS"; limit: number }
  | { code: "STAKING_TOO_MANY_DELEGATIONS"; limit: number }
  | { code: "STAKING_UNBONDING_NOT_DUE"; releaseEpoch: number; epoch: number }
  | { code: "STAKING_NOTHING_TO_WITHDRAW" };
export class StakingError extends KexinError<StakingErrorType> {}

export const stakingHttpStatusByCode: Readonly<Record<string, number>> = {
  STAKING_DISABLED: 409,
  STAKING_NOT_NODE_OWNER: 403,
  STAKING_UNKNOWN_CANDIDATE: 404,
  STAKING_CANDIDATE_EXISTS: 409,
  STAKING_UNBONDING_NOT_DUE: 409,
};
