import { identity } from "@kexin/sdk";
import { client } from "../../api.ts";
import { type ValidatorProposal, getValidatorProposal } from "./governanceReads.ts";
import { type RecentAdminTransactions, readRecentAdminTransactions } from "./recentAdminTransactions.ts";

export interface GovernanceOverview {
  readonly recent: RecentAdminTransactions;
  readonly organisations: identity.GetOrganisationsReturnType["organisations"];
  /** The proposals found, as governance state holds them now, newest first. */
  readonly proposals: readonly ValidatorProposal[];
}

/** Everything the page lists: the organisations, and the proposals and registrations of the recent blocks. */
export async function loadOverview(signal: AbortSignal): Promise<GovernanceOverview> {
  const [recent, answer] = await Promise.all([readRecentAdminTransactions(signal), identity.getOrganisations(client, { signal })]);
  const proposals = await Promise.all(recent.proposalIds.map((id) => getValidatorProposal(id, signal)));
  return { recent, organisations: answer.organisations, proposals: proposals.filter((proposal): proposal is ValidatorProposal => proposal !== undefined) };
}
