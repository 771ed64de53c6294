import type { PageDefinition } from "../page.ts";
import { type TraceMessages, traceMessages } from "./messages.ts";
import { Trace } from "./Trace.tsx";

// The type is written out: the console's Messages type is built from the pages' types, and an inferred one would refer to itself.
export const tracePage: PageDefinition<TraceMessages> = {
  path: "/trace",
  module: "trace",
  messages: traceMessages,
  navLabel: (language) => traceMessages[language].trace.nav,
  render: ({ path }) => (path === "/trace" ? <Trace /> : undefined),
};
