import type { Client } from "../clients/createClient.ts";
import type { ApiError, SdkError } from "../errors.ts";
import { request } from "../transport/request.ts";
import type { AccountView } from "../types.ts";
import { requireAddress } from "../validation.ts";

export type GetAccountParameters = { readonly address: string; readonly signal?: AbortSignal };
export type GetAccountReturnType = AccountView;
export type GetAccountErrorType = ApiError | SdkError;

/** An account's next nonce and membership: GET /v1/accounts/:address. */
export function getAccount(client: Client, parameters: GetAccountParameters): Promise<GetAccountReturnType> {
  const address = requireAddress("getAccount", "address", parameters.address);
  return request<AccountView>(client, { method: "GET", path: `/v1/accounts/${address}`, signal: parameters.signal });
}
