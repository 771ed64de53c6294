import { type CborValue, datashareError } from "@kexin/core";
import type { DeferredList, StateRead, TxContext } from "../../execution/interface.ts";
import { type Page, type PagedList, countedPagedList, listPageEntries, readPagedList } from "../../execution/pagedList.ts";
import { datashareListLimitMax } from "./limits.ts";

/*
 * The datashare lists people page through (the catalogue, a dataset's records and grants, the
 * accesses of a dataset, by an organisation and to a subject), kept in the module's derived index
 * in the order their entries were committed. Queries read them by position (`start`, `limit`);
 * nothing read from them ever decides a transaction's result.
 */

export interface NamedList {
  readonly countKey: string;
  readonly list: PagedList;
  /** The list as transactions append to it. */
  readonly appended: DeferredList;
}

/**
 * Pages of the lists a block adds only a few entries to each of many (one per requester, one per
 * subject): a block rewrites each touched list's last page whole, so a page of 128 entries would
 * cost a block about 64 old entries rewritten for every such list it appends to.
 */
const smallPageEntries = 16;

/** Lists kept built, oldest first out: an access appends to four, mostly the same ones as the access before. */
const namedListsKept = 4_096;
const namedLists = new Map<string, NamedList>();

function named(name: string, pageEntries = listPageEntries): NamedList {
  const kept = namedLists.get(name);
  if (kept !== undefined) return kept;
  const countKey = `${name}/count`;
  const list: PagedList = { pageEntries, pageKey: (page) => `${name}/page/${page}` };
  const built = { countKey, list, appended: countedPagedList(countKey, list) };
  if (namedLists.size >= namedListsKept) namedLists.delete(namedLists.keys().next().value as string);
  namedLists.set(name, built);
  return built;
}

/**
 * An entry of the access lists: its transaction and its block's time, and for a credential
 * verification a third element naming that kind (an access, by far the commoner, has none).
 */
export type StoredAccess = readonly [tx: string, time: number] | readonly [tx: string, time: number, kind: "credential_verification" | "compute"];

export const datashareLists = {
  /** Dataset ids, in the order registered. */
  datasets: (): NamedList => named("datasets"),
  /** Record ids of a dataset, in the order published. */
  records: (dataset: string): NamedList => named(`records/${dataset}`),
  /** Grantees of a dataset ([kind, id]), in the order first granted; a new grant to the same grantee replaces the old one in place. */
  grants: (dataset: string): NamedList => named(`grants/${dataset}`),
  datasetAccesses: (dataset: string): NamedList => named(`dataset_accesses/${dataset}`),
  organisationAccesses: (organisation: string): NamedList => named(`organisation_accesses/${organisation}`),
  /** Accesses and credential verifications made by one account. */
  // Named apart from the 128-entry lists of earlier releases, whose pages these could not read: a node upgraded in place rebuilds its derived index.
  requesterAccesses: (address: string): NamedList => named(`requester_accesses16/${address}`, smallPageEntries),
  /** Accesses to the records of one subject reference made by `owner`. */
  subjectAccesses: (owner: string, subject: string): NamedList => named(`subject_accesses16/${owner}/${subject}`, smallPageEntries),
  /** Recorded verifications (their transactions) of one credential; its id is a URI, escaped so that no list's name is a prefix of another's. */
  credentialVerifications: (credential: string): NamedList => named(`credential_verifications16/${encodeURIComponent(credential)}`, smallPageEntries),
  /** Recorded verifications by one verifying organisation. */
  organisationVerifications: (organisation: string): NamedList => named(`organisation_verifications16/${organisation}`, smallPageEntries),
  /** Recorded verifications of the credentials one organisation issued. */
  issuerVerifications: (issuer: string): NamedList => named(`issuer_verifications16/${issuer}`, smallPageEntries),
};

/** Appends at the end of the block; a failed transaction's appends are dropped with it. */
export function appendToList(context: TxContext, list: NamedList, entry: CborValue): void {
  context.index.append(list.appended, entry);
}

/** Lists an access or a credential verification in each of the audit lists it belongs to. */
export function appendToAccessLists(context: TxContext, entry: StoredAccess, lists: readonly NamedList[]): void {
  for (const list of lists) appendToList(context, list, entry as unknown as CborValue);
}

/** The one list a query names among its optional selectors; DATASHARE_QUERY_INVALID when it names none or several. */
export function exactlyOneList(candidates: readonly (NamedList | undefined)[], selectors: string): NamedList {
  const named = candidates.filter((list) => list !== undefined);
  const [list] = named;
  if (named.length !== 1 || list === undefined) throw datashareError("DATASHARE_QUERY_INVALID", `name exactly one of ${selectors}`);
  return list;
}

export function readListPage<T>(index: StateRead, list: NamedList, parameters: { readonly start?: string; readonly limit?: string }): Page<T> {
  return readPagedList<T>(index, list.countKey, list.list, parameters, datashareListLimitMax);
}
