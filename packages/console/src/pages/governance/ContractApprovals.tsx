import { contracts } from "@kexin/sdk";
import { client, useLoad } from "../../api.ts";
import { approvalProgress } from "../../components/approvalProgress.ts";
import { LoadStatus } from "../../components/LoadStatus.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { Link } from "../../router.tsx";

/** Contract proposals still collecting approvals; the contract's own page has the code and the rest. */
export function ContractApprovals({ organisations, reloadKey }: { readonly organisations: readonly string[]; readonly reloadKey: string }) {
  const { t } = useI18n();
  const loaded = useLoad(`contract-proposals-${reloadKey}`, (signal) => contracts.getProposals(client, { signal }));
  const open = loaded.state === "loaded" ? loaded.value.filter((proposal) => proposal.status === "open") : [];
  return (
    <div className="panel" data-testid="contract-approvals">
      <h2>{t.governance.contractsTitle}</h2>
      <LoadStatus loadable={loaded} />
      {loaded.state === "loaded" && open.length === 0 && <p className="muted">{t.governance.noContractProposals}</p>}
      {open.length > 0 && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th>{t.governance.proposal}</th>
                <th>{t.governance.contract}</th>
                <th>{t.governance.proposer}</th>
                <th>{t.governance.progress}</th>
              </tr>
            </thead>
            <tbody>
              {open.map((proposal) => {
                const progress = approvalProgress(proposal, organisations);
                return (
                  <tr key={proposal.id} data-contract-proposal={proposal.id}>
                    <td>
                      {proposal.id} · {t.governance.contractKinds[proposal.action.kind]}
                    </td>
                    <td>
                      <Link to={`/contracts/${proposal.action.name}`}>{proposal.action.name}</Link>
                    </td>
                    <td>{proposal.proposer}</td>
                    <td>
                      <strong>{t.governance.approvedOf(progress.approved.length, progress.organisations)}</strong>
                      <div>{t.governance.stillNeeded(progress.missing, progress.needed)}</div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
