import type { PageDefinition } from "../page.ts";
import { type VerifyMessages, verifyMessages } from "./messages.ts";
import { Verify } from "./Verify.tsx";

// The type is written out: the console's Messages type is built from the pages' types, and an inferred one would refer to itself.
export const verifyPage: PageDefinition<VerifyMessages> = {
  path: "/verify",
  messages: verifyMessages,
  navLabel: (language) => verifyMessages[language].verify.nav,
  render: ({ path }) => (path === "/verify" ? <Verify /> : undefined),
};
