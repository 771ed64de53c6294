import { contracts, identity } from "@kexin/sdk";
import { client, useLoad } from "../../api.ts";
import { LoadStatus } from "../../components/LoadStatus.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { Link } from "../../router.tsx";
import { approvalProgress } from "../../components/approvalProgress.ts";

async function loadProposals(signal: AbortSignal) {
  const [proposals, answer] = await Promise.all([contracts.getProposals(client, { signal }), identity.getOrganisations(client, { signal })]);
  return { proposals, organisations: answer.organisations.map((organisation) => organisation.id) };
}

/** Deploy, upgrade, freeze and unfreeze proposals (of one contract when `contract` is given), with where each stands. */
export function Proposals({ contract }: { readonly contract?: string }) {
  const { t } = useI18n();
  const loaded = useLoad("proposals", loadProposals);
  return (
    <div className="panel" data-testid="proposals">
      <h2>{t.contracts.proposalsTitle}</h2>
      <LoadStatus loadable={loaded} />
      {loaded.state === "loaded" && <ProposalTable proposals={loaded.value.proposals.filter((proposal) => contract === undefined || proposal.action.name === contract)} organisations={loaded.value.organisations} />}
    </div>
  );
}

function ProposalTable({ proposals, organisations }: { readonly proposals: readonly contracts.ContractProposalView[]; readonly organisations: readonly string[] }) {
  const { t } = useI18n();
  if (proposals.length === 0) return <p className="muted">{t.contracts.noProposals}</p>;
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            <th>{t.contracts.proposal}</th>
            <th>{t.contracts.name}</th>
            <th>{t.contracts.proposer}</th>
            <th>{t.contracts.progress}</th>
          </tr>
        </thead>
        <tbody>
          {proposals.map((proposal) => {
            const progress = approvalProgress(proposal, organisations);
            return (
              <tr key={proposal.id} data-proposal={proposal.id} data-status={proposal.status}>
                <td>
                  {proposal.id} · {t.contracts.kinds[proposal.action.kind]}
                </td>
                <td>
                  <Link to={`/contracts/${proposal.action.name}`}>{proposal.action.name}</Link>
                </td>
                <td>{proposal.proposer}</td>
                <td data-testid="proposal-progress" data-approved={progress.approved.length} data-organisations={progress.organisations} data-missing={progress.missing}>
                  <strong>{t.contracts.approvedOf(progress.approved.length, progress.organisations)}</strong>
                  {progress.approved.length > 0 && <div>{t.contracts.approvedBy(progress.approved.join(", "))}</div>}
                  {proposal.status === "approved" && proposal.approvedAt !== undefined ? (
                    <div className="ok">{t.contracts.approvedAt(proposal.approvedAt)}</div>
                  ) : (
                    <>
                      <div>{t.contracts.stillNeeded(progress.missing, progress.needed)}</div>
                      {progress.waiting.length > 0 && <div className="muted">{t.contracts.waitingFor(progress.waiting.join(", "))}</div>}
                    </>
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
