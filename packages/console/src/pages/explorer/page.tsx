import type { PageDefinition } from "../page.ts";
import { AccountDetail } from "./AccountDetail.tsx";
import { BlockDetail } from "./BlockDetail.tsx";
import { Explorer } from "./Explorer.tsx";
import { type ExplorerMessages, explorerMessages } from "./messages.ts";
import { TxDetail } from "./TxDetail.tsx";

// The type is written out: the console's Messages type is built from the pages' types, and an inferred one would refer to itself.
export const explorerPage: PageDefinition<ExplorerMessages> = {
  path: "/explorer",
  messages: explorerMessages,
  navLabel: (language) => explorerMessages[language].explorer.nav,
  render: ({ path }) => {
    if (path === "/explorer") return <Explorer />;
    const detail = /^\/explorer\/(blocks|txs|accounts)\/([^/]+)$/.exec(path);
    if (!detail) return undefined;
    const id = decodeURIComponent(detail[2] ?? "");
    if (detail[1] === "blocks") return <BlockDetail key={id} id={id} />;
    if (detail[1] === "txs") return <TxDetail key={id} hash={id.toLowerCase()} />;
    return <AccountDetail key={id} address={id.toLowerCase()} />;
  },
};
