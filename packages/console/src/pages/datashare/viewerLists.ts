import type { AccessEntry, GrantRecord } from "@kexin/core";
import { datashare } from "@kexin/sdk";
import { client } from "../../api.ts";

/*
 * The node lists grants by dataset only; nothing lists the grants an organisation gave or
 * received. Until it does, the page gathers them from the dataset lists, within these bounds, and
 * says when a bound cut a list short. An account's own requests the node lists by requester.
 */

/** Datasets whose grants are read: one page of the catalogue, the largest a list query answers. */
export const datasetsScannedMax = 1_000;
/** Grants read per dataset: one page. */
const grantsPerDatasetMax = 1_000;
/** Grant lists read at once, so that a large catalogue does not open hundreds of requests together. */
const grantReadsAtOnce = 8;

export interface OrganisationGrants {
  /** Grants of the organisation's datasets, dataset by dataset in catalogue order. */
  readonly given: readonly GrantRecord[];
  /** Grants to the organisation, or to the viewer as a member. */
  readonly received: readonly GrantRecord[];
  /** Every grant read, to tell an access's state. */
  readonly all: readonly GrantRecord[];
  /** True when the catalogue or a dataset's grants were longer than the bounds above. */
  readonly truncated: boolean;
}

export async function organisationGrants(organisation: string, viewer: string, signal: AbortSignal): Promise<OrganisationGrants> {
  const catalogue = await datashare.getDatasets(client, { start: 0, limit: datasetsScannedMax, signal });
  const all: GrantRecord[] = [];
  let truncated = catalogue.next !== null;
  for (let position = 0; position < catalogue.datasets.length; position += grantReadsAtOnce) {
    const batch = catalogue.datasets.slice(position, position + grantReadsAtOnce);
    const pages = await Promise.all(batch.map((dataset) => datashare.getGrants(client, { dataset: dataset.id, start: 0, limit: grantsPerDatasetMax, signal })));
    for (const page of pages) {
      all.push(...page.grants);
      truncated ||= page.next !== null;
    }
  }
  const owners = new Map(catalogue.datasets.map((dataset) => [dataset.id, dataset.owner]));
  const given = all.filter((grant) => owners.get(grant.dataset) === organisation);
  const received = all.filter((grant) => (grant.grantee.kind === "organisation" ? grant.grantee.id === organisation : grant.grantee.id === viewer));
  return { given, received, all, truncated };
}

export interface ViewerAccessesPage {
  readonly total: number;
  readonly start: number;
  readonly next: number | null;
  /** The viewer's requests on this page, newest first. */
  readonly accesses: readonly AccessEntry[];
}

/** One page of the viewer's own requests, newest first, from the node's list of the account's requests (kept oldest first). */
export async function viewerAccessesPage(viewer: string, start: number, limit: number, signal: AbortSignal): Promise<ViewerAccessesPage> {
  const total = (await datashare.getAccesses(client, { requester: viewer, start: 0, limit: 1, signal })).total;
  const end = Math.max(0, total - start);
  const from = Math.max(0, end - limit);
  const accesses = end === 0 ? [] : (await datashare.getAccesses(client, { requester: viewer, start: from, limit: end - from, signal })).accesses.toReversed();
  return { total, start, next: start + limit < total ? start + limit : null, accesses };
}
