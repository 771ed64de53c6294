import { governance, identity } from "@kexin/sdk";
import { client } from "../../api.ts";
import type { ValidatorPower, ValidatorProposal } from "./governanceReads.ts";
import { readPages } from "./pagedReads.ts";

/** The most proposals and scheduled sets the page reads: the governance queries list at most 10,000. */
const listedMax = 10_000;
const pageLimit = 100;

export type ParameterProposal = Extract<governance.GetProposalsReturnType["proposals"][number], { kind: "parameters" }>;

export interface ScheduledSet {
  readonly fromHeight: number;
  readonly validators: readonly ValidatorPower[];
}

export interface GovernanceOverview {
  readonly organisations: identity.GetOrganisationsReturnType["organisations"];
  /** Validator changes as governance state holds them now, newest first. */
  readonly proposals: readonly ValidatorProposal[];
  /** Parameter changes, newest first. */
  readonly parameterProposals: readonly ParameterProposal[];
  /** Genesis (from height 1) and every set an approved change scheduled, by the height it starts deciding. */
  readonly schedule: readonly ScheduledSet[];
}

/** Everything the page lists, from the node's queries: the organisations, every proposal, and the validator schedule. */
export async function loadOverview(signal: AbortSignal): Promise<GovernanceOverview> {
  const [organisations, proposals, schedule] = await Promise.all([
    identity.getOrganisations(client, { signal }),
    readPages(async (offset, limit) => {
      const page = await governance.getProposals(client, { offset, limit, signal });
      // The proposals query counts no total; a short page is its last.
      return { entries: page.proposals, total: offset + page.proposals.length, next: page.proposals.length < limit ? null : offset + page.proposals.length };
    }, listedMax, pageLimit),
    readPages(async (offset, limit) => {
      const page = await governance.getValidatorSchedule(client, { offset, limit, signal });
      return { entries: page.sets, total: page.total, next: page.next };
    }, listedMax, pageLimit),
  ]);
  const newestFirst = [...proposals.entries].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  return {
    organisations: organisations.organisations,
    proposals: newestFirst.flatMap((proposal) => (proposal.kind === "validators" ? [proposal] : [])),
    parameterProposals: newestFirst.flatMap((proposal) => (proposal.kind === "parameters" ? [proposal] : [])),
    schedule: schedule.entries.map((set) => ({ fromHeight: set.height, validators: set.validators })),
  };
}
