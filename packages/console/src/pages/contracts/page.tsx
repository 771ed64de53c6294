import type { PageDefinition } from "../page.ts";
import { ContractDetail } from "./ContractDetail.tsx";
import { Contracts } from "./Contracts.tsx";
import { type ContractsMessages, contractsMessages } from "./messages.ts";

// The type is written out: the console's Messages type is built from the pages' types, and an inferred one would refer to itself.
export const contractsPage: PageDefinition<ContractsMessages> = {
  path: "/contracts",
  module: "contracts",
  messages: contractsMessages,
  navLabel: (language) => contractsMessages[language].contracts.nav,
  render: ({ path, statusState }) => {
    if (path === "/contracts") return <Contracts />;
    const detail = /^\/contracts\/([a-z][a-z0-9_-]{2,63})$/.exec(path);
    if (!detail?.[1]) return undefined;
    return <ContractDetail key={detail[1]} name={detail[1]} statusState={statusState} />;
  },
};
