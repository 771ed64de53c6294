export { type DelegateCall, type DelegatePayload, delegate } from "./delegate.ts";
export { type GetCandidatesParameters, type GetCandidatesReturnType, getCandidates } from "./getCandidates.ts";
export { type GetEpochParameters, type GetEpochReturnType, getEpoch } from "./getEpoch.ts";
export { type GetJailedParameters, type GetJailedReturnType, getJailed } from "./getJailed.ts";
export { type GetStakingAccountParameters, type GetStakingAccountReturnType, getStakingAccount } from "./getStakingAccount.ts";
export { type RegisterCandidateCall, type RegisterCandidatePayload, registerCandidate } from "./registerCandidate.ts";
export { type UnbondCall, type UnbondPayload, unbond } from "./unbond.ts";
export { type WithdrawCall, withdraw } from "./withdraw.ts";
export { actions } from "./actions.ts";
