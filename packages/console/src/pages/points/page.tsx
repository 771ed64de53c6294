import type { ReactNode } from "react";
import { useI18n } from "../../i18n/index.tsx";
import { Link } from "../../router.tsx";
import type { PageDefinition } from "../page.ts";
import { Merchant } from "./Merchant.tsx";
import { type PointsMessages, pointsMessages } from "./messages.ts";
import { Wallet } from "./Wallet.tsx";

type Tab = "wallet" | "merchant";
const tabPaths: Readonly<Record<Tab, string>> = { wallet: "/points", merchant: "/points/merchant" };

function Frame({ tab, children }: { readonly tab: Tab; readonly children: ReactNode }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="points-title">
      <h1 id="points-title">{t.points.title}</h1>
      <p>{t.points.intro}</p>
      <nav className="actions" aria-label={t.points.title}>
        {(Object.keys(tabPaths) as Tab[]).map((name) => (
          <Link key={name} to={tabPaths[name]} {...(tab === name ? { "aria-current": "page" as const } : {})}>
            {t.points.tabs[name]}
          </Link>
        ))}
      </nav>
      {children}
    </section>
  );
}

// The type is written out: the console's Messages type is built from the pages' types, and an inferred one would refer to itself.
export const pointsPage: PageDefinition<PointsMessages> = {
  path: "/points",
  module: "points",
  messages: pointsMessages,
  navLabel: (language) => pointsMessages[language].points.nav,
  render: ({ path, statusState }) => {
    if (path === "/points") return <Frame tab="wallet"><Wallet statusState={statusState} /></Frame>;
    if (path === "/points/merchant") return <Frame tab="merchant"><Merchant statusState={statusState} /></Frame>;
    return undefined;
  },
};
