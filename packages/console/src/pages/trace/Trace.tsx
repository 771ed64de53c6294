import { useI18n } from "../../i18n/index.tsx";

/** Shown only when the node runs the trace module; the UDI lookup comes with that module's console work. */
export function Trace() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="trace-title">
      <h1 id="trace-title">{t.trace.title}</h1>
      <p className="panel">{t.trace.placeholder}</p>
    </section>
  );
}
