import { client, errorMessage, useLoad } from "../../api.ts";
import { useI18n } from "../../i18n/index.tsx";

/** `/toy`: how many times the bell has rung, and the last note. */
export function Toy() {
  const { t } = useI18n();
  const bells = useLoad("bells", (signal) => client.toy.getBells({ signal }));
  return (
    <section aria-labelledby="toy-title">
      <h1 id="toy-title">{t.toy.title}</h1>
      {bells.state === "loading" && <p>{t.common.loading}</p>}
      {bells.state === "failed" && <p role="alert">{t.common.error(errorMessage(bells.error))}</p>}
      {bells.state === "loaded" && (
        <div className="panel">
          <p data-testid="toy-bells" data-value={bells.value.bells}>
            {t.toy.rung(bells.value.bells)}
          </p>
          <p>
            {t.toy.lastNote}: <span data-testid="toy-last-note">{bells.value.lastNote ?? t.toy.noNote}</span>
          </p>
        </div>
      )}
    </section>
  );
}
