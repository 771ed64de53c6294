import { errorCode, errorMessage } from "../../api.ts";
import { useI18n } from "../../i18n/index.tsx";
import { RefusedOnChainError } from "./signAndCommit.ts";

/** What became of a signed action: its block, or the code and message of the refusal. */
export type Outcome = { readonly kind: "committed"; readonly height: number } | { readonly kind: "failed"; readonly error: unknown } | { readonly kind: "invalid"; readonly message: string };

export function ActionOutcome({ outcome, testId }: { readonly outcome: Outcome | undefined; readonly testId: string }) {
  const { t } = useI18n();
  if (outcome === undefined) return null;
  if (outcome.kind === "committed") {
    return (
      <p className="ok" role="status" data-testid={testId} data-outcome="committed">
        {t.governance.committed(outcome.height)}
      </p>
    );
  }
  if (outcome.kind === "invalid") {
    return (
      <p className="notice" role="alert" data-testid={testId} data-outcome="invalid">
        {outcome.message}
      </p>
    );
  }
  const { error } = outcome;
  const code = error instanceof RefusedOnChainError ? error.code : errorCode(error);
  return (
    <p className="notice" role="alert" data-testid={testId} data-outcome="failed" data-code={code}>
      {code === undefined ? t.common.error(errorMessage(error)) : t.governance.refused(code, errorMessage(error))}
    </p>
  );
}
