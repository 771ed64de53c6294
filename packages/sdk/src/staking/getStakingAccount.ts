import { stakingAccountSchema } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import { requireAddress } from "../validation.ts";

export type GetStakingAccountParameters = { readonly address: string; readonly signal?: AbortSignal };
export type GetStakingAccountReturnType = ReturnType<typeof queryAnswer<typeof stakingAccountSchema>>;

/** An account's liquid stake, delegations and unbondings. */
export function getStakingAccount(client: Client, parameters: GetStakingAccountParameters): GetStakingAccountReturnType {
  const address = requireAddress("staking.account", "address", parameters.address);
  return queryAnswer(client, stakingAccountSchema, { module: "staking", query: "account", parameters: { address }, signal: parameters.signal });
}
