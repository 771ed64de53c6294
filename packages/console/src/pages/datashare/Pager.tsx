import { useI18n } from "../../i18n/index.tsx";

/** Previous and next buttons under a paged list, with the range shown. */
export function Pager({ page, limit, onStart, testId }: { readonly page: { readonly total: number; readonly start: number; readonly next: number | null }; readonly limit: number; readonly onStart: (start: number) => void; readonly testId: string }) {
  const { t } = useI18n();
  const shownTo = page.next ?? page.total;
  if (page.start === 0 && page.next === null) return <p className="muted" data-testid={testId}>{t.datashare.range(page.total === 0 ? 0 : 1, shownTo, page.total)}</p>;
  return (
    <div className="actions" data-testid={testId}>
      <button type="button" className="secondary" disabled={page.start === 0} onClick={() => onStart(Math.max(0, page.start - limit))}>
        {t.datashare.previous}
      </button>
      <span className="muted">{t.datashare.range(page.start + 1, shownTo, page.total)}</span>
      <button type="button" className="secondary" disabled={page.next === null} onClick={() => page.next !== null && onStart(page.next)}>
        {t.datashare.next}
      </button>
    </div>
  );
}
