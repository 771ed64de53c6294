import type { SubjectAuditAnswer } from "@kexin/core";
import type { Wallet } from "@kexin/sdk";
import { type FormEvent, useState } from "react";
import { type StatusState, client, errorCode, errorMessage } from "../../api.ts";
import { useI18n } from "../../i18n/index.tsx";
import { AccessTable } from "./AccessTable.tsx";
import { Pager } from "./Pager.tsx";
import { SigningKey } from "./SigningKey.tsx";

const pageLimit = 50;

type Run = { readonly state: "idle" } | { readonly state: "running" } | { readonly state: "shown"; readonly answer: SubjectAuditAnswer } | { readonly state: "refused"; readonly message: string };

/** `/datashare/audit`: a citizen (or the department, or an auditor) signs here and lists the accesses to a subject's records. */
export function SubjectAudit({ statusState }: { readonly statusState: StatusState }) {
  const { t } = useI18n();
  const [wallet, setWallet] = useState<Wallet | undefined>(undefined);
  const [organisation, setOrganisation] = useState("");
  const [subject, setSubject] = useState("");
  const [run, setRun] = useState<Run>({ state: "idle" });

  // Each page is a new signed request against a new challenge: the node answers each request once.
  const show = async (start: number) => {
    if (!wallet) return;
    setRun({ state: "running" });
    try {
      const answer = await client.datashare.getSubjectAudit({ wallet, organisation: organisation.trim(), subject: subject.trim(), start, limit: pageLimit });
      setRun({ state: "shown", answer });
    } catch (error) {
      const code = errorCode(error);
      setRun({ state: "refused", message: code ? `${code}: ${errorMessage(error)}` : errorMessage(error) });
    }
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void show(0);
  };

  return (
    <div className="panel" data-testid="audit-panel">
      <h2>{t.datashare.auditTitle}</h2>
      <p className="muted">{t.datashare.auditIntro}</p>
      <SigningKey statusState={statusState} wallet={wallet} onWallet={setWallet} unregisteredNote={t.datashare.citizenKeyNote} />
      <form onSubmit={onSubmit}>
        <div className="form-grid">
          <label>
            {t.datashare.auditOrganisation}
            <input value={organisation} onChange={(event) => setOrganisation(event.target.value)} data-testid="audit-organisation" />
          </label>
          <label>
            {t.datashare.auditSubject}
            <input value={subject} onChange={(event) => setSubject(event.target.value)} data-testid="audit-subject" />
          </label>
        </div>
        <div className="actions form-actions">
          <button type="submit" disabled={!wallet || organisation.trim().length === 0 || subject.trim().length === 0 || run.state === "running"} data-testid="audit-show">
            {t.datashare.auditButton}
          </button>
        </div>
        {!wallet && <p className="muted">{t.datashare.needSigningKey}</p>}
      </form>
      {run.state === "refused" && (
        <div className="verdict bad" role="alert" data-testid="audit-error">
          <strong>{t.datashare.refused}</strong>
          <p className="step-detail">{run.message}</p>
        </div>
      )}
      {run.state === "shown" && (
        <div data-testid="audit-result" data-viewer={run.answer.viewer}>
          <p className="ok">{t.datashare.viewer(run.answer.viewer)}</p>
          {run.answer.total === 0 ? <p className="muted">{t.datashare.noAuditEntries}</p> : <AccessTable accesses={run.answer.accesses} testId="audit-accesses" />}
          <Pager page={run.answer} limit={pageLimit} onStart={(start) => void show(start)} testId="audit-pager" />
        </div>
      )}
    </div>
  );
}
