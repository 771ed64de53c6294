import { useI18n } from "../../i18n/index.tsx";

/** Shown only when the node runs the evidence module; the pages themselves come with that module's console work. */
export function Evidence() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="evidence-title">
      <h1 id="evidence-title">{t.evidence.title}</h1>
      <p className="panel">{t.evidence.placeholder}</p>
    </section>
  );
}
