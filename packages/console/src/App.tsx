import type { ReactNode } from "react";
import { type StatusState, useStatusPoll } from "./api.ts";
import { type Language, languages, useI18n } from "./i18n/index.tsx";
import { dictionaries } from "./i18n/messages.ts";
import { Dashboard } from "./pages/dashboard/Dashboard.tsx";
import { Evidence } from "./pages/evidence/Evidence.tsx";
import { AccountDetail } from "./pages/explorer/AccountDetail.tsx";
import { BlockDetail } from "./pages/explorer/BlockDetail.tsx";
import { Explorer } from "./pages/explorer/Explorer.tsx";
import { TxDetail } from "./pages/explorer/TxDetail.tsx";
import { Trace } from "./pages/trace/Trace.tsx";
import { Verify } from "./pages/verify/Verify.tsx";
import { Link, useRouter } from "./router.tsx";

/** Pages of a service appear once the node lists its module in GET /v1/status. */
function hasModule(statusState: StatusState, module: string): boolean | undefined {
  return statusState.status?.modules === undefined ? undefined : statusState.status.modules.includes(module);
}

function matchPage(path: string, statusState: StatusState): ReactNode {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, "") : path;
  if (trimmed === "/") return <Dashboard statusState={statusState} />;
  if (trimmed === "/explorer") return <Explorer />;
  if (trimmed === "/verify") return <Verify />;
  const detail = /^\/explorer\/(blocks|txs|accounts)\/([^/]+)$/.exec(trimmed);
  if (detail) {
    const id = decodeURIComponent(detail[2] ?? "");
    if (detail[1] === "blocks") return <BlockDetail key={id} id={id} />;
    if (detail[1] === "txs") return <TxDetail key={id} hash={id.toLowerCase()} />;
    return <AccountDetail key={id} address={id.toLowerCase()} />;
  }
  const gated: Record<string, () => ReactNode> = { "/evidence": () => <Evidence statusState={statusState} />, "/trace": () => <Trace /> };
  const page = gated[trimmed];
  if (page) {
    const available = hasModule(statusState, trimmed.slice(1));
    if (available === undefined) return <Loading />;
    if (available) return page();
  }
  return <NotFound />;
}

function Loading() {
  const { t } = useI18n();
  return <p className="muted">{t.common.loading}</p>;
}

function NotFound() {
  const { t } = useI18n();
  return (
    <section>
      <h1>404</h1>
      <p>{t.app.notFound}</p>
      <Link to="/">{t.app.backHome}</Link>
    </section>
  );
}

function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  return (
    <div className="language-switch" role="group" aria-label={t.app.switchLanguage} data-testid="language-switch">
      {languages.map((option: Language) => (
        <button key={option} type="button" lang={option} aria-pressed={option === language} onClick={() => setLanguage(option)}>
          {dictionaries[option].languageName}
        </button>
      ))}
    </div>
  );
}

export function App() {
  const { t } = useI18n();
  const { path } = useRouter();
  const statusState = useStatusPoll();
  const section = path === "/" ? "/" : `/${path.split("/")[1] ?? ""}`;
  const navItems: { to: string; label: string; shown: boolean }[] = [
    { to: "/", label: t.app.nav.dashboard, shown: true },
    { to: "/explorer", label: t.app.nav.explorer, shown: true },
    { to: "/verify", label: t.app.nav.verify, shown: true },
    { to: "/evidence", label: t.app.nav.evidence, shown: hasModule(statusState, "evidence") === true },
    { to: "/trace", label: t.app.nav.trace, shown: hasModule(statusState, "trace") === true },
  ];
  return (
    <>
      <a href="#main" className="skip-link">
        {t.app.skipToContent}
      </a>
      <header className="top">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            信
          </span>
          {t.app.title}
        </Link>
        <nav aria-label={t.app.title} className="main-nav" data-testid="main-nav">
          {navItems
            .filter((item) => item.shown)
            .map((item) => (
              <Link key={item.to} to={item.to} aria-current={section === item.to ? "page" : undefined}>
                {item.label}
              </Link>
            ))}
        </nav>
        <LanguageSwitch />
      </header>
      {statusState.unreachable && (
        <div className="banner" role="status" data-testid="unreachable">
          {t.app.nodeUnreachable}
        </div>
      )}
      <main id="main">{matchPage(path, statusState)}</main>
    </>
  );
}
