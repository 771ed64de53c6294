import { contractsPage } from "./contracts/page.tsx";
import { dashboardPage } from "./dashboard/page.tsx";
import { datasharePage } from "./datashare/page.tsx";
import { evidencePage } from "./evidence/page.tsx";
import { explorerPage } from "./explorer/page.tsx";
import { governancePage } from "./governance/page.tsx";
import type { PageDefinition } from "./page.ts";
import { pointsPage } from "./points/page.tsx";
import { tracePage } from "./trace/page.tsx";
import { verifyPage } from "./verify/page.tsx";
import { workflowsPage } from "./workflows/page.tsx";

/** Every page of the console, in the order of the navigation. A new page adds its line here. */
export const pages = [
  dashboardPage,
  explorerPage,
  verifyPage,
  evidencePage,
  tracePage,
  contractsPage,
  datasharePage,
  pointsPage,
  workflowsPage,
  governancePage,
] as const;

/** The strings of every page listed above, as one type: `t.dashboard`, `t.explorer`, `t.tx`, … */
export type PagesMessages<Pages extends readonly unknown[] = typeof pages> = Pages extends readonly [PageDefinition<infer M>, ...infer Rest] ? M & PagesMessages<Rest> : unknown;
