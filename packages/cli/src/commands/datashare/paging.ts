import type { Command } from "commander";
import { wholeNumber } from "../../parsing.ts";

export interface PageOptions {
  readonly start: number;
  readonly limit: number;
}

/** `--start` and `--limit` of a paged list. */
export function withPage(command: Command): Command {
  return command
    .option("--start <n>", "0-based position of the first entry; a previous page's `next`", wholeNumber(0, Number.MAX_SAFE_INTEGER), 0)
    .option("--limit <n>", "entries per page", wholeNumber(1, 1_000), 100);
}

/** The line under a page's table that says how to get the following one. */
export function pageFooter(page: { readonly total: number; readonly start: number; readonly next: number | null }, shown: number): string {
  const range = shown === 0 ? `none of ${page.total}` : `${page.start + 1}–${page.start + shown} of ${page.total}`;
  return page.next === null ? range : `${range}; next page: --start ${page.next}`;
}
