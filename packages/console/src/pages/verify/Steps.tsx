import { useI18n } from "../../i18n/index.tsx";

export interface StepLine {
  /** Marks the line for tests and styles: the check's name. */
  readonly check: string;
  readonly title: string;
  /** Undefined: not run yet (it waits for something the reader has not given). */
  readonly ok: boolean | undefined;
  readonly detail: string;
}

/** The checks of a verification, one line each, passed, failed or waiting, in plain words with the checker's detail below. */
export function Steps({ steps }: { readonly steps: readonly StepLine[] }) {
  const { t } = useI18n();
  return (
    <div className="panel">
      <h2>{t.verify.steps}</h2>
      <ol className="steps" data-testid="verify-steps">
        {steps.map((step, index) => {
          const state = step.ok === undefined ? "pending" : step.ok ? "ok" : "bad";
          return (
            <li key={index} className={state} data-check={step.check} data-ok={step.ok === undefined ? "pending" : String(step.ok)}>
              <span className="step-mark" aria-hidden="true">
                {state === "pending" ? "…" : step.ok ? "✓" : "✗"}
              </span>
              <div>
                <div className="step-title">
                  {step.title} <span className="visually-hidden">({state === "pending" ? t.verify.pending : step.ok ? t.verify.passed : t.verify.failed})</span>
                </div>
                {step.detail && <div className="step-detail">{step.detail}</div>}
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
