import { type CborValue, workflowListLimitMax } from "@kexin/core";
import type { StateRead, TxContext } from "../../execution/interface.ts";
import { type Page, type PagedList, countedPagedList, listPageEntries, readPagedList } from "../../execution/pagedList.ts";

/*
 * The workflows lists people page through, kept in the module's derived index in commit order.
 * Queries read them by position; nothing read from them decides a transaction's result.
 */

interface NamedList {
  readonly countKey: string;
  readonly list: PagedList;
}

function named(name: string): NamedList {
  return { countKey: `${name}/count`, list: { pageEntries: listPageEntries, pageKey: (page) => `${name}/page/${page}` } };
}

/** An application as the lists keep it. */
export type StoredApplicationEntry = readonly [id: string, template: string, startedAt: number];

export const workflowsLists = {
  /** Template ids, in the order proposed. */
  templates: (): NamedList => named("templates"),
  /** Applications of an applicant's account, and of a subject reference, in the order filed. */
  applicantApplications: (applicant: string): NamedList => named(`applicant/${applicant}`),
  subjectApplications: (subject: string): NamedList => named(`subject/${subject}`),
};

export function appendToList(context: TxContext, list: NamedList, entry: CborValue): void {
  context.index.append(countedPagedList(list.countKey, list.list), entry);
}

export function readListPage<T>(index: StateRead, list: NamedList, parameters: { readonly start?: string; readonly limit?: string }): Page<T> {
  return readPagedList<T>(index, list.countKey, list.list, parameters, workflowListLimitMax);
}
