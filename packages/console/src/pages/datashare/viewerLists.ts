import type { AccessEntry, GrantRecord } from "@kexin/core";
import { datashare } from "@kexin/sdk";
import { client } from "../../api.ts";

/*
 * The node lists grants by dataset and accesses by dataset or organisation; nothing lists the
 * grants an organisation gave or received, or one member's accesses. Until it does, the page
 * gathers them from those lists, within these bounds, and says when a bound cut a list short.
 */

/** Datasets whose grants are read: one page of the catalogue, the largest a list query answers. */
export const datasetsScannedMax = 1_000;
/** Grants read per dataset: one page. */
const grantsPerDatasetMax = 1_000;
/** Grant lists read at once, so that a large catalogue does not open hundreds of requests together. */
const grantReadsAtOnce = 8;
/** The organisation's newest accesses read to find the viewer's among them. */
export const accessesScannedMax = 5_000;
const accessesPageMax = 1_000;

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

export interface ViewerAccesses {
  /** The viewer's accesses, newest first. */
  readonly accesses: readonly AccessEntry[];
  readonly truncated: boolean;
}

/** The viewer's own accesses among the organisation's newest ones. */
export async function viewerAccesses(organisation: string, viewer: string, signal: AbortSignal): Promise<ViewerAccesses> {
  const total = (await datashare.getAccesses(client, { organisation, start: 0, limit: 1, signal })).total;
  const accesses: AccessEntry[] = [];
  let end = total;
  while (end > 0 && total - end < accessesScannedMax) {
    const start = Math.max(0, end - accessesPageMax);
    const page = await datashare.getAccesses(client, { organisation, start, limit: end - start, signal });
    accesses.push(...page.accesses.filter((entry) => entry.requester === viewer).reverse());
    end = start;
  }
  return { accesses, truncated: end > 0 };
}
