import type { PageDefinition } from "../page.ts";
import { useI18n } from "../../i18n/index.tsx";
import { Link } from "../../router.tsx";
import { Catalogue } from "./Catalogue.tsx";
import { ComputeRequest } from "./ComputeRequest.tsx";
import { ComputeResult } from "./ComputeResult.tsx";
import { Credentials } from "./Credentials.tsx";
import { DatasetDetail } from "./DatasetDetail.tsx";
import { type DatashareMessages, datashareMessages } from "./messages.ts";
import { Mine } from "./Mine.tsx";
import { PublishRecord } from "./PublishRecord.tsx";
import { ReadRecord } from "./ReadRecord.tsx";
import { SubjectAudit } from "./SubjectAudit.tsx";
import type { ReactNode } from "react";

type Tab = "catalogue" | "mine" | "publish" | "compute" | "credentials" | "audit";
const tabPaths: Readonly<Record<Tab, string>> = { catalogue: "/datashare", mine: "/datashare/mine", publish: "/datashare/publish", compute: "/datashare/compute", credentials: "/datashare/credentials", audit: "/datashare/audit" };

function Frame({ tab, children }: { readonly tab: Tab; readonly children: ReactNode }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="datashare-title">
      <h1 id="datashare-title">{t.datashare.title}</h1>
      <p>{t.datashare.intro}</p>
      <nav className="actions" aria-label={t.datashare.title}>
        {(Object.keys(tabPaths) as Tab[]).map((name) => (
          <Link key={name} to={tabPaths[name]} {...(tab === name ? { "aria-current": "page" as const } : {})}>
            {t.datashare.tabs[name]}
          </Link>
        ))}
      </nav>
      {children}
    </section>
  );
}

// The type is written out: the console's Messages type is built from the pages' types, and an inferred one would refer to itself.
export const datasharePage: PageDefinition<DatashareMessages> = {
  path: "/datashare",
  module: "datashare",
  messages: datashareMessages,
  navLabel: (language) => datashareMessages[language].datashare.nav,
  render: ({ path, statusState }) => {
    if (path === "/datashare") return <Frame tab="catalogue"><Catalogue /></Frame>;
    if (path === "/datashare/audit") return <Frame tab="audit"><SubjectAudit statusState={statusState} /></Frame>;
    if (path === "/datashare/mine") return <Frame tab="mine"><Mine statusState={statusState} /></Frame>;
    if (path === "/datashare/publish") return <Frame tab="publish"><PublishRecord statusState={statusState} /></Frame>;
    if (path === "/datashare/compute") return <Frame tab="compute"><ComputeRequest statusState={statusState} /></Frame>;
    const compute = /^\/datashare\/compute\/([0-9a-f]{64})$/.exec(path);
    if (compute?.[1]) return <Frame tab="compute"><ComputeResult key={compute[1]} tx={compute[1]} statusState={statusState} /></Frame>;
    if (path === "/datashare/credentials") return <Frame tab="credentials"><Credentials statusState={statusState} /></Frame>;
    const dataset = /^\/datashare\/datasets\/([a-z][a-z0-9_.-]{2,63})$/.exec(path);
    if (dataset?.[1]) return <Frame tab="catalogue"><DatasetDetail key={dataset[1]} id={dataset[1]} statusState={statusState} /></Frame>;
    const record = /^\/datashare\/records\/([A-Za-z0-9][A-Za-z0-9_.-]{0,95})$/.exec(path);
    if (record?.[1]) return <Frame tab="catalogue"><ReadRecord key={record[1]} id={record[1]} statusState={statusState} /></Frame>;
    return undefined;
  },
};
