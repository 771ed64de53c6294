import type { ReactNode } from "react";
import { type StatusState, useStatusPoll } from "./api.ts";
import { type Language, languages, useI18n } from "./i18n/index.tsx";
import { sharedMessages } from "./i18n/messages.ts";
import { pages } from "./pages/index.ts";
import type { PageDefinition } from "./pages/page.ts";
import { Link, useRouter } from "./router.tsx";

const pageList: readonly PageDefinition<object>[] = pages;

/** Pages of a service appear once the node lists its module in GET /v1/status. */
function hasModule(statusState: StatusState, module: string): boolean | undefined {
  return statusState.status?.modules === undefined ? undefined : statusState.status.modules.includes(module);
}

function isPageAddress(page: PageDefinition<object>, path: string): boolean {
  return path === page.path || (page.path !== "/" && path.startsWith(`${page.path}/`));
}

function matchPage(path: string, statusState: StatusState): ReactNode {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, "") : path;
  const page = pageList.find((candidate) => isPageAddress(candidate, trimmed));
  const content = page?.render({ path: trimmed, statusState });
  if (page === undefined || content === undefined) return <NotFound />;
  if (page.module === undefined) return content;
  const available = hasModule(statusState, page.module);
  if (available === undefined) return <Loading />;
  return available ? content : <NotFound />;
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
          {sharedMessages[option].languageName}
        </button>
      ))}
    </div>
  );
}

export function App() {
  const { t, language } = useI18n();
  const { path } = useRouter();
  const statusState = useStatusPoll();
  const section = path === "/" ? "/" : `/${path.split("/")[1] ?? ""}`;
  const navItems = pageList.filter((page) => page.module === undefined || hasModule(statusState, page.module) === true);
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
          {navItems.map((page) => (
            <Link key={page.path} to={page.path} aria-current={section === page.path ? "page" : undefined}>
              {page.navLabel(language)}
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
