import type { PageDefinition } from "../page.ts";
import { Evidence } from "./Evidence.tsx";
import { type EvidenceMessages, evidenceMessages } from "./messages.ts";

// The type is written out: the console's Messages type is built from the pages' types, and an inferred one would refer to itself.
export const evidencePage: PageDefinition<EvidenceMessages> = {
  path: "/evidence",
  module: "evidence",
  messages: evidenceMessages,
  navLabel: (language) => evidenceMessages[language].evidence.nav,
  render: ({ path, statusState }) => (path === "/evidence" ? <Evidence statusState={statusState} /> : undefined),
};
