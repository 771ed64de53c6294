import type { PageDefinition } from "../page.ts";
import { Governance } from "./Governance.tsx";
import { type GovernanceMessages, governanceMessages } from "./messages.ts";

// The type is written out: the console's Messages type is built from the pages' types, and an inferred one would refer to itself.
export const governancePage: PageDefinition<GovernanceMessages> = {
  path: "/governance",
  module: "governance",
  messages: governanceMessages,
  navLabel: (language) => governanceMessages[language].governance.nav,
  render: ({ path, statusState }) => (path === "/governance" ? <Governance statusState={statusState} /> : undefined),
};
