import type { PageDefinition } from "../page.ts";
import { Dashboard } from "./Dashboard.tsx";
import { type DashboardMessages, dashboardMessages } from "./messages.ts";

// The type is written out: the console's Messages type is built from the pages' types, and an inferred one would refer to itself.
export const dashboardPage: PageDefinition<DashboardMessages> = {
  path: "/",
  messages: dashboardMessages,
  navLabel: (language) => dashboardMessages[language].dashboard.nav,
  render: ({ path, statusState }) => (path === "/" ? <Dashboard statusState={statusState} /> : undefined),
};
