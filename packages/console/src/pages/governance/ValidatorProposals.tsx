import { approvalProgress } from "../../components/approvalProgress.ts";
import { Hash } from "../../components/Hash.tsx";
import { useI18n } from "../../i18n/index.tsx";
import type { AdminKey } from "./adminKey.ts";
import { ApproveButton } from "./ApproveButton.tsx";
import type { ValidatorChange, ValidatorProposal } from "./governanceReads.ts";

/** Validator-change proposals with who approved, who is still awaited, their state and, for open ones, the admin's approve button. */
export function ValidatorProposals({
  proposals,
  organisations,
  adminKey,
  onChanged,
}: {
  readonly proposals: readonly ValidatorProposal[];
  readonly organisations: readonly string[];
  readonly adminKey: AdminKey | undefined;
  readonly onChanged: () => void;
}) {
  const { t } = useI18n();
  if (proposals.length === 0) return <p className="muted">{t.governance.noProposals}</p>;
  return (
    <div className="table-scroll">
      <table data-testid="validator-proposals">
        <thead>
          <tr>
            <th>{t.governance.proposal}</th>
            <th>{t.governance.changes}</th>
            <th>{t.governance.proposer}</th>
            <th>{t.governance.progress}</th>
            <th>{t.governance.state}</th>
          </tr>
        </thead>
        <tbody>
          {proposals.map((proposal) => {
            const progress = approvalProgress(proposal, organisations);
            return (
              <tr key={proposal.id} data-proposal={proposal.id} data-status={proposal.status}>
                <td>
                  <strong>{proposal.id}</strong>
                  {proposal.description.length > 0 && <div>{proposal.description}</div>}
                  <div className="muted">{t.governance.proposedAt(proposal.createdAt)}</div>
                </td>
                <td>
                  <Changes changes={proposal.changes} />
                </td>
                <td>{proposal.proposer}</td>
                <td data-testid="proposal-progress" data-approved={progress.approved.length} data-needed={progress.needed} data-missing={progress.missing}>
                  <strong>{t.governance.approvedOf(progress.approved.length, progress.organisations)}</strong>
                  {progress.approved.length > 0 && <div data-testid="proposal-approvals">{t.governance.approvedBy(progress.approved.join(", "))}</div>}
                  {proposal.status === "open" && (
                    <>
                      <div>{t.governance.stillNeeded(progress.missing, progress.needed)}</div>
                      {progress.waiting.length > 0 && <div className="muted">{t.governance.waitingFor(progress.waiting.join(", "))}</div>}
                    </>
                  )}
                </td>
                <td>
                  <span className={`badge ${proposal.status === "approved" ? "badge-ok" : "badge-info"}`} data-testid="proposal-state">
                    {t.governance.states[proposal.status]}
                  </span>
                  {proposal.effectiveHeight !== undefined && (
                    <div className="ok" data-testid="proposal-effective" data-height={proposal.effectiveHeight}>
                      {t.governance.effectiveFrom(proposal.effectiveHeight)}
                    </div>
                  )}
                  {proposal.status === "open" && (
                    <div className="actions">
                      <ApproveButton id={proposal.id} adminKey={adminKey} approvals={proposal.approvals} onApproved={onChanged} />
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

function Changes({ changes }: { readonly changes: readonly ValidatorChange[] }) {
  const { t } = useI18n();
  return (
    <>
      {changes.map((change) => (
        <div key={change.publicKey} data-testid="proposal-change">
          <Hash value={change.publicKey} /> {change.power === 0 ? t.governance.removeValidator : t.governance.setPower(change.power)}
        </div>
      ))}
    </>
  );
}
