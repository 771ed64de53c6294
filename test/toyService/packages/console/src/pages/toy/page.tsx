import type { PageDefinition } from "../page.ts";
import { type ToyMessages, toyMessages } from "./messages.ts";
import { Toy } from "./Toy.tsx";

// The type is written out: the console's Messages type is built from the pages' types, and an inferred one would refer to itself.
export const toyPage: PageDefinition<ToyMessages> = {
  path: "/toy",
  module: "toy",
  messages: toyMessages,
  navLabel: (language) => toyMessages[language].toy.nav,
  render: ({ path }) => (path === "/toy" ? <Toy /> : undefined),
};
