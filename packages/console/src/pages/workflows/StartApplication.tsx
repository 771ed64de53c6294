import type { Wallet } from "@kexin/sdk";
import { workflows } from "@kexin/sdk";
import { type FormEvent, useState } from "react";
import { type StatusState, client, useLoad } from "../../api.ts";
import { LoadStatus } from "../../components/LoadStatus.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { Link } from "../../router.tsx";
import { FormFooter, type FormRun, committedRun, refusalText } from "../datashare/Outcome.tsx";
import { sendAndCommit } from "../datashare/sendAndCommit.ts";
import { SigningKey } from "../datashare/SigningKey.tsx";

/** Starts an application of an active template, signed here with the applicant's or the clerk's key file. */
export function StartApplication({ statusState }: { readonly statusState: StatusState }) {
  const { t, language } = useI18n();
  const templates = useLoad("active-templates", (signal) => client.workflows.getTemplates({ limit: 1000, signal }));
  const [wallet, setWallet] = useState<Wallet | undefined>(undefined);
  const [template, setTemplate] = useState("");
  const [id, setId] = useState("");
  const [subject, setSubject] = useState("");
  const [applicant, setApplicant] = useState("");
  const [run, setRun] = useState<FormRun<"signing">>({ state: "idle" });
  const [started, setStarted] = useState<string | undefined>(undefined);
  if (templates.state !== "loaded") return <LoadStatus loadable={templates} />;
  const active = templates.value.templates.filter((record) => record.status === "active");
  if (active.length === 0) return <p className="muted">{t.workflows.noTemplates}</p>;
  const chosen = template || (active[0]?.template.id ?? "");
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!wallet) return;
    setRun({ state: "running", phase: "signing" });
    try {
      const call = workflows.apply({ id: id.trim(), template: chosen, subject: subject.trim().toLowerCase(), ...(applicant.trim() ? { applicant: applicant.trim() } : {}) });
      const outcome = committedRun<"signing">(await sendAndCommit(wallet, call));
      setRun(outcome);
      if (outcome.state === "committed") setStarted(id.trim());
    } catch (error) {
      setRun({ state: "refused", message: refusalText(error) });
    }
  };
  return (
    <>
      <h2>{t.workflows.startTitle}</h2>
      <p className="muted">{t.workflows.startHint}</p>
      <SigningKey statusState={statusState} wallet={wallet} onWallet={setWallet} />
      <form onSubmit={(event) => void submit(event)} data-testid="apply-form">
        <label>
          {t.workflows.template}
          <select value={chosen} onChange={(event) => setTemplate(event.target.value)} data-testid="apply-template">
            {active.map((record) => (
              <option key={record.template.id} value={record.template.id}>
                {(language === "zh-CN" ? record.template.title.zh : record.template.title.en) + ` (${record.template.id})`}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.workflows.applicationId}
          <input value={id} onChange={(event) => setId(event.target.value)} required data-testid="apply-id" />
        </label>
        <label>
          {t.workflows.subject}
          <input value={subject} onChange={(event) => setSubject(event.target.value)} required pattern="[0-9a-fA-F]{64}" data-testid="apply-subject" />
        </label>
        <label>
          {t.workflows.applicant}
          <input value={applicant} onChange={(event) => setApplicant(event.target.value)} data-testid="apply-applicant" />
        </label>
        <FormFooter run={run} label={t.workflows.start} disabled={!wallet} phaseText={t.workflows.signing} needsKey={!wallet} testId="apply" />
      </form>
      {started !== undefined && run.state === "committed" && (
        <p data-testid="apply-started">
          {t.workflows.started} <Link to={`/workflows/applications/${started}`}>{started}</Link> — {t.workflows.followLink}
        </p>
      )}
    </>
  );
}
