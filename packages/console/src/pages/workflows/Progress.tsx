import { type StatusState, client, useLoad } from "../../api.ts";
import { Hash } from "../../components/Hash.tsx";
import { LoadStatus } from "../../components/LoadStatus.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { formatBlockTime } from "./blockTime.ts";
import { VerifyDecision } from "./VerifyDecision.tsx";

/** An application's progress: each step with who signed what and when, what is missing, the deadlines, why it was refused, and its decision. */
export function Progress({ id, statusState }: { readonly id: string; readonly statusState: StatusState }) {
  const { t, language } = useI18n();
  const loaded = useLoad(`application:${id}:${statusState.status?.height ?? 0}`, (signal) => client.workflows.getApplication({ id, signal }));
  if (loaded.state !== "loaded") return <LoadStatus loadable={loaded} />;
  const { application, status, asOf, steps, missing, decidable } = loaded.value;
  const time = (value: number) => formatBlockTime(value, language);
  const titleOf = (title: { readonly zh: string; readonly en: string } | undefined) => (title === undefined ? undefined : language === "zh-CN" ? title.zh : title.en);
  return (
    <div data-testid="application" data-status={status}>
      <h2>
        {t.workflows.application} {application.id}
      </h2>
      <dl className="facts">
        <dt>{t.workflows.statusLabel}</dt>
        <dd data-testid="application-status">
          {t.workflows.status[status]} <span className="muted">{t.workflows.asOf(asOf.height, time(asOf.time))}</span>
        </dd>
        <dt>{t.workflows.template}</dt>
        <dd>{application.template}</dd>
        <dt>{t.workflows.applicantLabel}</dt>
        <dd>
          <Hash value={application.applicant} to={`/explorer/accounts/${application.applicant}`} />
        </dd>
        <dt>{t.workflows.filedBy}</dt>
        <dd>
          <Hash value={application.filedBy} to={`/explorer/accounts/${application.filedBy}`} />
        </dd>
      </dl>
      {application.refusal && (
        <div className="verdict bad" role="alert" data-testid="application-refusal">
          <strong>{t.workflows.refusedBecause(application.refusal.step, application.refusal.organisation, application.refusal.reason)}</strong>
        </div>
      )}
      <h3>{t.workflows.steps}</h3>
      <table data-testid="application-steps">
        <thead>
          <tr>
            <th>{t.workflows.step}</th>
            <th>{t.workflows.department}</th>
            <th>{t.workflows.state}</th>
            <th>{t.workflows.deadline}</th>
            <th>{t.workflows.signedBy}</th>
            <th>{t.workflows.signedAt}</th>
            <th>{t.workflows.outcome}</th>
            <th>{t.workflows.reason}</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((step) => (
            <tr key={step.id} data-step={step.id} data-state={step.state}>
              <td>{titleOf(step.title)}</td>
              <td>
                {step.organisation} <span className="muted">({step.role})</span>
              </td>
              <td>{t.workflows.states[step.state]}</td>
              <td>{time(step.deadline)}</td>
              <td>{step.attestation ? <Hash value={step.attestation.attester} to={`/explorer/txs/${step.attestation.tx}`} /> : ""}</td>
              <td>{step.attestation ? time(step.attestation.time) : ""}</td>
              <td>{step.attestation ? t.workflows.outcomes[step.attestation.outcome] : ""}</td>
              <td>{step.attestation?.reason ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p data-testid="application-missing" data-missing={missing.join(",")}>
        {missing.length === 0 ? t.workflows.nothingMissing : t.workflows.missing(missing.map((missed) => titleOf(steps.find((step) => step.id === missed)?.title) ?? missed))}
      </p>
      {decidable && <p className="muted">{t.workflows.decidable}</p>}
      {application.decision && (
        <>
          <h3>{t.workflows.decisionTitle}</h3>
          <p data-testid="application-decision">
            {t.workflows.decidedBy(application.decision.organisation, application.decision.height)} — <Hash value={application.decision.hash} to={`/explorer/txs/${application.decision.tx}`} />
          </p>
          <VerifyDecision application={application} statusState={statusState} />
        </>
      )}
    </div>
  );
}
