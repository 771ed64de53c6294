import { type AccountKind, type AccountsAnswer, accountKinds, accountsAnswerSchema } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import { invalidParameter } from "../errors.ts";
import { requireCount, requireName } from "../validation.ts";

export type GetAccountsParameters = { readonly org: string; readonly kind?: AccountKind; readonly offset?: number; readonly limit?: number; readonly signal?: AbortSignal };
export type GetAccountsReturnType = AccountsAnswer;

/** One page of an organisation's accounts (admins, members, devices; genesis ones included) in address order; the answer's `next` is the following page's offset. */
export function getAccounts(client: Client, parameters: GetAccountsParameters): Promise<GetAccountsReturnType> {
  const org = requireName("identity.accounts", "org", parameters.org);
  if (parameters.kind !== undefined && !accountKinds.includes(parameters.kind)) throw invalidParameter("identity.accounts", "kind", `must be one of ${accountKinds.join(", ")}`);
  const offset = requireCount("identity.accounts", "offset", parameters.offset ?? 0, 0, 100_000);
  const limit = requireCount("identity.accounts", "limit", parameters.limit ?? 50, 1, 100);
  return queryAnswer(client, accountsAnswerSchema, { module: "identity", query: "accounts", parameters: { org, kind: parameters.kind, offset, limit }, signal: parameters.signal });
}
