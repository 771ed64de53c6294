/** A page of a node's paged list, as the identity and governance queries answer it. */
export interface ListPage<T> {
  readonly entries: readonly T[];
  readonly total: number;
  readonly next: number | null;
}

/**
 * Reads a paged list from its start until `countMax` entries are in hand or the list ends, a page
 * of `pageLimit` at a time. The bound keeps a long list from being read whole when the page shows
 * only its first entries.
 */
export async function readPages<T>(readPage: (offset: number, limit: number) => Promise<ListPage<T>>, countMax: number, pageLimit: number): Promise<{ entries: T[]; total: number }> {
  const entries: T[] = [];
  let offset: number | null = 0;
  let total = 0;
  while (offset !== null && entries.length < countMax) {
    const page = await readPage(offset, Math.min(pageLimit, countMax - entries.length));
    entries.push(...page.entries);
    total = page.total;
    offset = page.entries.length === 0 ? null : page.next;
  }
  return { entries, total };
}
