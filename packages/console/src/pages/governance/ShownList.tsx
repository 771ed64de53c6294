import { type ReactNode, useState } from "react";
import { useI18n } from "../../i18n/index.tsx";

/** Shows the first `step` items of a long list and a button for the next `step`, so a large consortium does not fill the screen. */
export function ShownList<T>({ items, step, testId, render }: { readonly items: readonly T[]; readonly step: number; readonly testId: string; readonly render: (shown: readonly T[]) => ReactNode }) {
  const { t } = useI18n();
  const [count, setCount] = useState(step);
  const shown = items.slice(0, count);
  const remaining = items.length - shown.length;
  return (
    <>
      {render(shown)}
      {remaining > 0 && (
        <div className="actions" data-testid={testId}>
          <span className="muted">{t.governance.shownOf(shown.length, items.length)}</span>
          <button type="button" className="secondary" onClick={() => setCount(count + step)}>
            {t.governance.showMore(Math.min(step, remaining))}
          </button>
        </div>
      )}
    </>
  );
}
