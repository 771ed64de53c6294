import { type AccountsAnswer, type NodeKeysAnswer, type OrganisationRecord, accountKinds } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import { type StateRead, defineQuery } from "../../execution/interface.ts";
import { integerParameter } from "../../execution/integerParameter.ts";
import { pageOf } from "../../execution/pagedList.ts";
import { IdentityError } from "./errors.ts";
import type { Account } from "./permissions.ts";

/*
 * Accounts and node keys are stored by address and by key, not by organisation (the layout every
 * running chain's app hash commits to), so an organisation's page is found by reading them in key
 * order up to these bounds. Genesis entries are stored like registered ones and are listed with them.
 */
export const accountsScannedMax = 100_000;
export const nodeKeysScannedMax = 10_000;
export const identityPageLimitMax = 100;
const identityPageLimitDefault = 50;

const orgParameter = Type.String({ pattern: "^[a-z][a-z0-9_]{0,31}$", description: "the organisation's id" });
const pageParameters = {
  offset: Type.Optional(integerParameter({ maximum: accountsScannedMax }, "entries to skip (default 0)")),
  limit: Type.Optional(integerParameter({ minimum: 1, maximum: identityPageLimitMax }, `entries in the page (default ${identityPageLimitDefault})`)),
};

function requireOrganisationToList(identity: StateRead, org: string): void {
  if ((identity.get(`org/${org}`) as OrganisationRecord | undefined) === undefined) {
    throw new IdentityError({ code: "IDENTITY_UNKNOWN_ORGANISATION", org }, `organisation "${org}" does not exist; the organisations query lists them`);
  }
}

function pageOfList<T>(entries: readonly T[], parameters: { readonly offset?: string; readonly limit?: string }): { total: number; offset: number; entries: T[]; next: number | null } {
  const page = pageOf(entries.length, { start: parameters.offset ?? "0", limit: parameters.limit ?? String(identityPageLimitDefault) }, identityPageLimitMax, (position) => entries[position] as T);
  return { total: page.total, offset: page.start, entries: page.entries, next: page.next };
}

export const accountsQuery = defineQuery({
  description: `An organisation's accounts (admins, members with their roles, devices with their model; revoked ones marked inactive), in address order, a page at a time; those named in genesis included. Reads at most ${accountsScannedMax.toLocaleString("en")} accounts of the chain.`,
  parameters: Type.Object(
    {
      org: orgParameter,
      kind: Type.Optional(Type.Union(accountKinds.map((kind) => Type.Literal(kind)), { description: "only accounts of this kind" })),
      ...pageParameters,
    },
    { additionalProperties: false },
  ),
  run: (state, parameters): AccountsAnswer => {
    requireOrganisationToList(state, parameters.org);
    const accounts = state
      .list("account/", accountsScannedMax)
      .map((entry) => ({ address: entry.key.slice("account/".length), ...(entry.value as unknown as Account) }))
      .filter((account) => account.org === parameters.org && (parameters.kind === undefined || account.kind === parameters.kind));
    const page = pageOfList(accounts, parameters);
    return { org: parameters.org, total: page.total, offset: page.offset, accounts: page.entries, next: page.next };
  },
});

export const nodeKeysQuery = defineQuery({
  description: `An organisation's node keys, in key order, a page at a time; those named in genesis included. Reads at most ${nodeKeysScannedMax.toLocaleString("en")} node keys of the chain.`,
  parameters: Type.Object({ org: orgParameter, ...pageParameters }, { additionalProperties: false }),
  run: (state, parameters): NodeKeysAnswer => {
    requireOrganisationToList(state, parameters.org);
    const nodeKeys = state
      .list("node/", nodeKeysScannedMax)
      .map((entry) => ({ publicKey: entry.key.slice("node/".length), ...(entry.value as unknown as { org: string; name: string }) }))
      .filter((nodeKey) => nodeKey.org === parameters.org);
    const page = pageOfList(nodeKeys, parameters);
    return { org: parameters.org, total: page.total, offset: page.offset, nodeKeys: page.entries, next: page.next };
  },
});
