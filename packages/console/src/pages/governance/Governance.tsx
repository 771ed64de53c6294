import { getSuite } from "@kexin/core";
import type { StatusView, Wallet } from "@kexin/sdk";
import { useRef, useState } from "react";
import { type StatusState, useLoad } from "../../api.ts";
import { KeyPanel } from "../../components/KeyPanel.tsx";
import { LoadStatus } from "../../components/LoadStatus.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { ContractApprovals } from "./ContractApprovals.tsx";
import { type GovernanceOverview, loadOverview } from "./loadOverview.ts";
import { Organisations } from "./Organisations.tsx";
import { ProposalLookup } from "./ProposalLookup.tsx";
import { ProposeChange } from "./ProposeChange.tsx";
import { ParametersPanel } from "./ParametersPanel.tsx";
import { CandidatesPanel } from "./slots.tsx";
import { useAdminKey } from "./useAdminKey.ts";
import { ValidatorProposals } from "./ValidatorProposals.tsx";
import { ValidatorSets } from "./ValidatorSets.tsx";

/**
 * `/governance`, shown when the node runs the governance module: validator changes and their
 * approvals, contract approvals, the validator set over time, and the organisations. Admins sign
 * proposals and approvals here with their key file.
 */
export function Governance({ statusState }: { readonly statusState: StatusState }) {
  const { t } = useI18n();
  const { status } = statusState;
  return (
    <section aria-labelledby="governance-title">
      <h1 id="governance-title">{t.governance.title}</h1>
      <p>{t.governance.intro}</p>
      {status === undefined ? <p className="muted">{t.common.loading}</p> : <GovernanceBody status={status} onChanged={statusState.refresh} />}
    </section>
  );
}

function GovernanceBody({ status, onChanged }: { readonly status: StatusView; readonly onChanged: () => void }) {
  const { t } = useI18n();
  const [wallet, setWallet] = useState<Wallet | undefined>(undefined);
  const adminKey = useAdminKey(wallet);
  const [reloads, setReloads] = useState(0);
  const reloadKey = String(reloads);
  const overview = useLoad(`overview-${reloadKey}`, loadOverview);
  // The last overview stays up while a reload runs, so the form that caused it keeps its outcome on screen.
  const lastOverview = useRef<GovernanceOverview | undefined>(undefined);
  if (overview.state === "loaded") lastOverview.current = overview.value;
  const shown = overview.state === "loaded" ? overview.value : lastOverview.current;
  const reload = () => {
    setReloads((count) => count + 1);
    onChanged();
  };
  return (
    <>
      <div className="panel" data-testid="governance-key">
        <h2>{t.governance.keyTitle}</h2>
        <p className="muted">{t.governance.keyHint}</p>
        <KeyPanel suite={getSuite(status.suite)} wallet={wallet} onWallet={setWallet} />
        {adminKey !== undefined && (
          <p className={adminKey.org === undefined ? "notice" : "ok"} data-testid="admin-org" data-org={adminKey.org ?? ""}>
            {adminKey.org === undefined ? t.governance.notAdmin : t.governance.adminOf(adminKey.org)}
          </p>
        )}
      </div>
      {(shown === undefined || overview.state === "failed") && <LoadStatus loadable={overview} />}
      {shown !== undefined && <OverviewPanels status={status} overview={shown} adminKey={adminKey} reloadKey={reloadKey} onChanged={reload} />}
    </>
  );
}

function OverviewPanels({
  status,
  overview,
  adminKey,
  reloadKey,
  onChanged,
}: {
  readonly status: StatusView;
  readonly overview: GovernanceOverview;
  readonly adminKey: ReturnType<typeof useAdminKey>;
  readonly reloadKey: string;
  readonly onChanged: () => void;
}) {
  const { t } = useI18n();
  const organisationIds = overview.organisations.map((organisation) => organisation.id);
  return (
    <>
      <p className="muted">
        <button type="button" className="secondary" onClick={onChanged} data-testid="governance-reload">
          {t.governance.reload}
        </button>
      </p>
      <div className="panel" data-testid="proposals">
        <h2>{t.governance.proposalsTitle}</h2>
        <ValidatorProposals proposals={overview.proposals} organisations={organisationIds} adminKey={adminKey} onChanged={onChanged} />
        <ProposalLookup organisations={organisationIds} adminKey={adminKey} reloadKey={reloadKey} onChanged={onChanged} />
        {adminKey?.org !== undefined && <ProposeChange adminKey={adminKey} onProposed={onChanged} />}
      </div>
      {status.modules?.includes("contracts") === true && <ContractApprovals organisations={organisationIds} reloadKey={reloadKey} />}
      <ParametersPanel proposals={overview.parameterProposals} organisations={organisationIds} nextHeight={status.height + 1} adminKey={adminKey} reloadKey={reloadKey} onChanged={onChanged} />
      <ValidatorSets status={status} schedule={overview.schedule} />
      <CandidatesPanel />
      <Organisations organisations={overview.organisations} reloadKey={reloadKey} />
    </>
  );
}
