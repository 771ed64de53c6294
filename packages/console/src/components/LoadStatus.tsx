import { type Loadable, errorMessage } from "../api.ts";
import { useI18n } from "../i18n/index.tsx";

/** What a panel shows while its request runs or after it failed; nothing once it has loaded. */
export function LoadStatus({ loadable }: { readonly loadable: Loadable<unknown> }) {
  const { t } = useI18n();
  if (loadable.state === "loading") return <p className="muted">{t.common.loading}</p>;
  if (loadable.state === "failed") {
    return (
      <p className="notice" role="alert" data-testid="load-error">
        {t.common.error(errorMessage(loadable.error))}
      </p>
    );
  }
  return null;
}
