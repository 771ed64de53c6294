import type { CommittedTransactionView } from "@kexin/sdk";
import { errorCode, errorMessage } from "../../api.ts";
import { Hash } from "../../components/Hash.tsx";
import { useI18n } from "../../i18n/index.tsx";

/** Where a signed form stands: idle, busy (with what it is doing), refused with the reason, or committed. */
export type FormRun<Phase extends string> =
  | { readonly state: "idle" }
  | { readonly state: "running"; readonly phase: Phase }
  | { readonly state: "refused"; readonly message: string }
  | { readonly state: "committed"; readonly committed: CommittedTransactionView };

/** A thrown error as the reader sees it: its code first when it has one. */
export function refusalText(error: unknown): string {
  const code = errorCode(error);
  return code ? `${code}: ${errorMessage(error)}` : errorMessage(error);
}

/** A committed transaction that failed at execution is a refusal too, with the chain's code and message. */
export function committedRun<Phase extends string>(committed: CommittedTransactionView): FormRun<Phase> {
  if (committed.result.status !== "ok") return { state: "refused", message: `${committed.result.code}: ${committed.result.message}` };
  return { state: "committed", committed };
}

/** The refusal or the committed transaction under a form; `testId` names both. */
export function Outcome({ run, testId }: { readonly run: FormRun<string>; readonly testId: string }) {
  const { t } = useI18n();
  if (run.state === "refused") {
    return (
      <div className="verdict bad" role="alert" data-testid={`${testId}-error`}>
        <strong>{t.datashare.refused}</strong>
        <p className="step-detail">{run.message}</p>
      </div>
    );
  }
  if (run.state !== "committed") return null;
  return (
    <div className="verdict ok" role="status" data-testid={`${testId}-done`} data-tx={run.committed.hash}>
      <strong>{t.datashare.committedIn(run.committed.height)}</strong>
      <p className="step-detail">
        {t.datashare.transaction} <Hash value={run.committed.hash} to={`/explorer/txs/${run.committed.hash}`} />
      </p>
    </div>
  );
}

/** The submit button of a signed form, what it is doing while it runs, and its refusal or committed transaction. */
export function FormFooter({
  run,
  label,
  disabled,
  phaseText,
  needsKey,
  testId,
}: {
  readonly run: FormRun<string>;
  readonly label: string;
  readonly disabled: boolean;
  readonly phaseText: string | undefined;
  /** True while no signing key is open: the form says so under the button. */
  readonly needsKey: boolean;
  readonly testId: string;
}) {
  const { t } = useI18n();
  return (
    <>
      <div className="actions form-actions">
        <button type="submit" disabled={disabled || run.state === "running"} data-testid={`${testId}-submit`}>
          {label}
        </button>
        {run.state === "running" && (
          <span className="muted" role="status">
            {phaseText}
          </span>
        )}
      </div>
      {needsKey && <p className="muted">{t.datashare.needSigningKey}</p>}
      <Outcome run={run} testId={testId} />
    </>
  );
}
