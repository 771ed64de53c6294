import type { ReactNode } from "react";
import { useI18n } from "../../i18n/index.tsx";
import { Link } from "../../router.tsx";
import type { PageDefinition } from "../page.ts";
import { FollowApplication } from "./FollowApplication.tsx";
import { Inbox } from "./Inbox.tsx";
import { type WorkflowsMessages, workflowsMessages } from "./messages.ts";
import { StartApplication } from "./StartApplication.tsx";

type Tab = "start" | "follow" | "inbox";
const tabPaths: Readonly<Record<Tab, string>> = { start: "/workflows", follow: "/workflows/applications", inbox: "/workflows/inbox" };

function Frame({ tab, children }: { readonly tab: Tab; readonly children: ReactNode }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="workflows-title">
      <h1 id="workflows-title">{t.workflows.title}</h1>
      <p>{t.workflows.intro}</p>
      <nav className="actions" aria-label={t.workflows.title}>
        {(Object.keys(tabPaths) as Tab[]).map((name) => (
          <Link key={name} to={tabPaths[name]} {...(tab === name ? { "aria-current": "page" as const } : {})}>
            {t.workflows.tabs[name]}
          </Link>
        ))}
      </nav>
      {children}
    </section>
  );
}

// The type is written out: the console's Messages type is built from the pages' types, and an inferred one would refer to itself.
export const workflowsPage: PageDefinition<WorkflowsMessages> = {
  path: "/workflows",
  module: "workflows",
  messages: workflowsMessages,
  navLabel: (language) => workflowsMessages[language].workflows.nav,
  render: ({ path, statusState }) => {
    if (path === "/workflows") return <Frame tab="start"><StartApplication statusState={statusState} /></Frame>;
    if (path === "/workflows/inbox") return <Frame tab="inbox"><Inbox statusState={statusState} /></Frame>;
    if (path === "/workflows/applications") return <Frame tab="follow"><FollowApplication id={undefined} statusState={statusState} /></Frame>;
    const application = /^\/workflows\/applications\/([a-z0-9][a-z0-9_.-]{2,63})$/.exec(path);
    if (application?.[1]) return <Frame tab="follow"><FollowApplication key={application[1]} id={application[1]} statusState={statusState} /></Frame>;
    return undefined;
  },
};
