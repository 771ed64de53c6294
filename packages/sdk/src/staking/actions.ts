import { getCandidates } from "./getCandidates.ts";
import { getEpoch } from "./getEpoch.ts";
import { getJailed } from "./getJailed.ts";
import { getStakingAccount } from "./getStakingAccount.ts";

/** The staking actions that read from a node: createKexinClient binds each to its client. */
export const actions = { getCandidates, getEpoch, getJailed, getStakingAccount } as const;
