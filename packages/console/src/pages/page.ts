import type { ReactNode } from "react";
import type { StatusState } from "../api.ts";
import type { Language, Translations } from "../i18n/messages.ts";

export interface PageProps {
  /** The address, without trailing slashes; it is the page's own path or one under it. */
  readonly path: string;
  readonly statusState: StatusState;
}

/**
 * One page of the console and everything the frame needs to know of it: where it lives, its link
 * in the navigation, its strings, and which node module it needs. Listed in pages/index.ts.
 *
 * The console is one bundle on purpose (see vite.config.ts: Verify must keep working offline), so
 * pages are not loaded lazily.
 */
export interface PageDefinition<M extends object> {
  /** The page's address; addresses under it (path + "/…") are the page's too. */
  readonly path: string;
  /**
   * The page's strings in every language. Each top-level key is a namespace of the console's
   * dictionary (`t.evidence`); no two pages may use the same one.
   */
  readonly messages: Translations<M>;
  /** The label of the page's link in the navigation. */
  readonly navLabel: (language: Language) => string;
  /** A service's page: shown, and linked, only once GET /v1/status lists this node module. */
  readonly module?: string;
  /** What to show at an address of the page, or undefined when there is nothing there (a 404). */
  readonly render: (props: PageProps) => ReactNode | undefined;
}
