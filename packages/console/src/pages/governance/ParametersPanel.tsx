import { governance } from "@kexin/sdk";
import { useRef } from "react";
import { client, useLoad } from "../../api.ts";
import { approvalProgress } from "../../components/approvalProgress.ts";
import { LoadStatus } from "../../components/LoadStatus.tsx";
import { useI18n } from "../../i18n/index.tsx";
import type { AdminKey } from "./adminKey.ts";
import { ApproveButton } from "./ApproveButton.tsx";
import type { ParameterProposal } from "./loadOverview.ts";

const reviewWindowName = "governance.reviewWindowBlocks";

type ParametersRead = [governance.GetParametersReturnType, governance.GetScheduledParametersReturnType];

/** The chain parameters in force and scheduled, and the proposals to change them, with approve and veto for an admin. */
export function ParametersPanel({
  proposals,
  organisations,
  nextHeight,
  adminKey,
  reloadKey,
  onChanged,
}: {
  readonly proposals: readonly ParameterProposal[];
  readonly organisations: readonly string[];
  readonly nextHeight: number;
  readonly adminKey: AdminKey | undefined;
  readonly reloadKey: string;
  readonly onChanged: () => void;
}) {
  const { t } = useI18n();
  const loaded = useLoad(`parameters-${reloadKey}`, (signal): Promise<ParametersRead> => Promise.all([governance.getParameters(client, { signal }), governance.getScheduledParameters(client, { signal })]));
  // The last answer stays up while a reload runs, so a proposal's row keeps the outcome of the action that caused it.
  const last = useRef<ParametersRead | undefined>(undefined);
  if (loaded.state === "loaded") last.current = loaded.value;
  if (last.current === undefined || loaded.state === "failed") return <LoadStatus loadable={loaded} />;
  const [inForce, scheduled] = last.current;
  const reviewWindow = inForce.parameters.find((parameter) => parameter.name === reviewWindowName)?.value ?? 0;
  return (
    <div className="panel" data-testid="parameters">
      <h2>{t.governance.parametersTitle}</h2>
      <p className="muted">{t.governance.parametersNote(reviewWindow)}</p>
      <div className="table-scroll">
        <table data-testid="parameters-in-force">
          <thead>
            <tr>
              <th>{t.governance.parameter}</th>
              <th>{t.governance.value}</th>
              <th>{t.governance.bounds}</th>
            </tr>
          </thead>
          <tbody>
            {inForce.parameters.map((parameter) => (
              <tr key={parameter.name} data-parameter={parameter.name}>
                <td>
                  <code>{parameter.name}</code>
                  <div className="muted">{parameter.description}</div>
                </td>
                <td data-testid="parameter-value">{parameter.value}</td>
                <td>
                  {parameter.minimum} … {parameter.maximum}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t.governance.scheduledTitle}</h3>
      {scheduled.length === 0 ? (
        <p className="muted">{t.governance.noScheduled}</p>
      ) : (
        <table data-testid="parameters-scheduled">
          <tbody>
            {scheduled.map((entry) => (
              <tr key={`${entry.name}-${entry.height}`} data-parameter={entry.name} data-height={entry.height}>
                <td>
                  <code>{entry.name}</code>
                </td>
                <td>{entry.value}</td>
                <td>{t.governance.appliedFrom(entry.height)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t.governance.parameterProposalsTitle}</h3>
      <ParameterProposals proposals={proposals} organisations={organisations} nextHeight={nextHeight} adminKey={adminKey} onChanged={onChanged} />
    </div>
  );
}

function ParameterProposals({
  proposals,
  organisations,
  nextHeight,
  adminKey,
  onChanged,
}: {
  readonly proposals: readonly ParameterProposal[];
  readonly organisations: readonly string[];
  readonly nextHeight: number;
  readonly adminKey: AdminKey | undefined;
  readonly onChanged: () => void;
}) {
  const { t } = useI18n();
  if (proposals.length === 0) return <p className="muted">{t.governance.noParameterProposals}</p>;
  // More than one third of the organisations' vetoes cancel an approved change.
  const vetoesNeeded = Math.floor(organisations.length / 3) + 1;
  return (
    <div className="table-scroll">
      <table data-testid="parameter-proposals">
        <thead>
          <tr>
            <th>{t.governance.proposal}</th>
            <th>{t.governance.changes}</th>
            <th>{t.governance.progress}</th>
            <th>{t.governance.state}</th>
          </tr>
        </thead>
        <tbody>
          {proposals.map((proposal) => {
            const progress = approvalProgress(proposal, organisations);
            const inReview = proposal.status === "approved" && nextHeight < proposal.effectiveHeight;
            return (
              <tr key={proposal.id} data-proposal={proposal.id} data-status={proposal.status}>
                <td>
                  <code>{proposal.id}</code>
                  <div>{proposal.description}</div>
                  <div className="muted">
                    {proposal.proposer} · {t.governance.proposedAt(proposal.createdAt)}
                  </div>
                </td>
                <td>
                  {Object.entries(proposal.changes).map(([name, value]) => (
                    <div key={name} data-testid="parameter-change">
                      <code>{name}</code> = {value}
                    </div>
                  ))}
                </td>
                <td data-testid="parameter-progress" data-approved={progress.approved.length}>
                  {t.governance.approvedOf(progress.approved.length, progress.organisations)}
                  {progress.missing > 0 && <div>{t.governance.stillNeeded(progress.missing, progress.needed)}</div>}
                  {proposal.vetoes.length > 0 && <div className="notice">{t.governance.vetoedOf(proposal.vetoes.length, vetoesNeeded)}</div>}
                </td>
                <td>
                  <span className={`badge ${proposal.status === "approved" ? "badge-ok" : proposal.status === "vetoed" ? "badge-bad" : "badge-info"}`} data-testid="parameter-state">
                    {t.governance.parameterStates[proposal.status]}
                  </span>
                  <div className="muted" data-testid="parameter-effective" data-height={proposal.effectiveHeight}>
                    {inReview ? t.governance.reviewUntil(proposal.effectiveHeight) : t.governance.appliedFrom(proposal.effectiveHeight)}
                  </div>
                  {proposal.status === "open" && (
                    <div className="actions">
                      <ApproveButton id={proposal.id} adminKey={adminKey} approvals={proposal.approvals} onApproved={onChanged} />
                    </div>
                  )}
                  {inReview && (
                    <div className="actions">
                      <ApproveButton id={proposal.id} adminKey={adminKey} approvals={proposal.vetoes} onApproved={onChanged} action="veto" />
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
