import type { DatasetRecord, GrantRecord } from "@kexin/core";
import { type Wallet, datashare } from "@kexin/sdk";
import { useState } from "react";
import { type StatusState, client, useLoad } from "../../api.ts";
import { Hash } from "../../components/Hash.tsx";
import { LoadStatus } from "../../components/LoadStatus.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { Link } from "../../router.tsx";
import { AccessTable } from "./AccessTable.tsx";
import { titleIn } from "./Catalogue.tsx";
import { GrantForm } from "./GrantForm.tsx";
import { type FormRun, Outcome, committedRun, refusalText } from "./Outcome.tsx";
import { Pager } from "./Pager.tsx";
import { sendAndCommit } from "./sendAndCommit.ts";
import { SigningKey } from "./SigningKey.tsx";
import { type Membership, administers, useMembership } from "./useMembership.ts";

const pageLimit = 20;

/** `/datashare/datasets/<id>`: a dataset, its records, its grants (given and revoked here by the owner's admin) and the accesses made to it. */
export function DatasetDetail({ id, statusState }: { readonly id: string; readonly statusState: StatusState }) {
  const { t, language } = useI18n();
  const dataset = useLoad(`datashare-dataset-${id}`, (signal) => datashare.getDataset(client, { id, signal }));
  const [wallet, setWallet] = useState<Wallet | undefined>(undefined);
  const membership = useMembership(wallet);
  // Bumped after a grant or a revocation commits, so the grants are read again.
  const [grantsSeen, setGrantsSeen] = useState(0);
  return (
    <>
      <p>
        <Link to="/datashare">{t.datashare.backToCatalogue}</Link>
      </p>
      <div className="panel">
        <h2>{t.datashare.datasetTitle(id)}</h2>
        <LoadStatus loadable={dataset} />
        {dataset.state === "loaded" && (
          <dl className="facts" data-testid="dataset-facts">
            <dt>{t.datashare.titleColumn}</dt>
            <dd>{titleIn(language, dataset.value.title)}</dd>
            <dt>{t.datashare.owner}</dt>
            <dd data-testid="dataset-owner">{dataset.value.owner}</dd>
            <dt>{t.datashare.classification}</dt>
            <dd>{t.datashare.classifications[dataset.value.classification]}</dd>
            <dt>{t.datashare.price}</dt>
            <dd>{dataset.value.price}</dd>
            <dt>{t.datashare.registeredAt}</dt>
            <dd>
              <Link to={`/explorer/blocks/${dataset.value.registeredAt}`}>{dataset.value.registeredAt}</Link>
            </dd>
            <dt>{t.datashare.recordSchema}</dt>
            <dd>
              <code>{dataset.value.recordSchema}</code>
            </dd>
          </dl>
        )}
        <p>
          <Link to={`/datashare/publish?dataset=${id}`}>{t.datashare.publishHere}</Link>
        </p>
      </div>
      <Records dataset={id} />
      {dataset.state === "loaded" && (
        <>
          <Grants dataset={dataset.value} revoker={wallet && administers(membership, dataset.value.owner) ? wallet : undefined} refresh={grantsSeen} onRevoked={() => setGrantsSeen((count) => count + 1)} />
          <ManageGrants dataset={dataset.value} statusState={statusState} wallet={wallet} membership={membership} onWallet={setWallet} onCommitted={() => setGrantsSeen((count) => count + 1)} />
        </>
      )}
      <Accesses dataset={id} />
    </>
  );
}

function Records({ dataset }: { readonly dataset: string }) {
  const { t } = useI18n();
  const [start, setStart] = useState(0);
  const page = useLoad(`datashare-records-${dataset}-${start}`, (signal) => datashare.getRecords(client, { dataset, start, limit: pageLimit, signal }));
  return (
    <div className="panel">
      <h2>{t.datashare.recordsTitle}</h2>
      <LoadStatus loadable={page} />
      {page.state === "loaded" && page.value.total === 0 && <p className="muted">{t.datashare.noRecords}</p>}
      {page.state === "loaded" && page.value.records.length > 0 && (
        <>
          <div className="table-scroll">
            <table data-testid="records">
              <thead>
                <tr>
                  <th>{t.datashare.record}</th>
                  <th className="numeric">{t.datashare.size}</th>
                  <th>{t.datashare.subject}</th>
                  <th className="numeric">{t.datashare.publishedAt}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {page.value.records.map((record) => (
                  <tr key={record.id} data-record={record.id}>
                    <td>{record.id}</td>
                    <td className="numeric">{record.size}</td>
                    <td>
                      <Hash value={record.subject} />
                    </td>
                    <td className="numeric">{record.publishedAt}</td>
                    <td>
                      <Link to={`/datashare/records/${record.id}`}>{t.datashare.read}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={page.value} limit={pageLimit} onStart={setStart} testId="records-pager" />
        </>
      )}
    </div>
  );
}

/** The dataset's grants; `revoker`, an admin of the owner whose key is open, gets a Revoke button on each grant in force. */
function Grants({ dataset, revoker, refresh, onRevoked }: { readonly dataset: DatasetRecord; readonly revoker: Wallet | undefined; readonly refresh: number; readonly onRevoked: () => void }) {
  const { t } = useI18n();
  const [start, setStart] = useState(0);
  const page = useLoad(`datashare-grants-${dataset.id}-${start}-${refresh}`, (signal) => datashare.getGrants(client, { dataset: dataset.id, start, limit: pageLimit, signal }));
  return (
    <div className="panel">
      <h2>{t.datashare.grantsTitle}</h2>
      <p className="muted">{t.datashare.grantsGivenHint(dataset.owner)}</p>
      <LoadStatus loadable={page} />
      {page.state === "loaded" && page.value.total === 0 && <p className="muted">{t.datashare.noGrants}</p>}
      {page.state === "loaded" && page.value.grants.length > 0 && (
        <>
          <div className="table-scroll">
            <table data-testid="grants">
              <thead>
                <tr>
                  <th>{t.datashare.grantee}</th>
                  <th>{t.datashare.purpose}</th>
                  <th className="numeric">{t.datashare.used}</th>
                  <th className="numeric">{t.datashare.expiresAt}</th>
                  <th />
                  {revoker && <th />}
                </tr>
              </thead>
              <tbody>
                {page.value.grants.map((grant) => (
                  <tr key={`${grant.grantee.kind}:${grant.grantee.id}`} data-grantee={grant.grantee.id} data-state={grant.revokedFrom === undefined ? "standing" : "revoked"}>
                    <td>{grant.grantee.kind === "organisation" ? grant.grantee.id : <Hash value={grant.grantee.id} />}</td>
                    <td>{grant.purpose}</td>
                    <td className="numeric">{`${grant.accesses} / ${grant.accessesMax}`}</td>
                    <td className="numeric">{grant.expiresAt}</td>
                    <td className={grant.revokedFrom === undefined ? "ok" : "bad"}>{grant.revokedFrom === undefined ? t.datashare.standing : t.datashare.revokedFrom(grant.revokedFrom)}</td>
                    {revoker && <td>{grant.revokedFrom === undefined && <RevokeButton grant={grant} wallet={revoker} onRevoked={onRevoked} />}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={page.value} limit={pageLimit} onStart={setStart} testId="grants-pager" />
        </>
      )}
    </div>
  );
}

/** Revokes one grant, signed here: accesses under it are refused from the next block. */
function RevokeButton({ grant, wallet, onRevoked }: { readonly grant: GrantRecord; readonly wallet: Wallet; readonly onRevoked: () => void }) {
  const { t } = useI18n();
  const [run, setRun] = useState<FormRun<"committing">>({ state: "idle" });
  const onClick = async () => {
    setRun({ state: "running", phase: "committing" });
    try {
      const committed = await sendAndCommit(wallet, datashare.revoke({ dataset: grant.dataset, grantee: grant.grantee }));
      setRun(committedRun(committed));
      if (committed.result.status === "ok") onRevoked();
    } catch (error) {
      setRun({ state: "refused", message: refusalText(error) });
    }
  };
  return (
    <>
      <button type="button" className="secondary" disabled={run.state === "running"} onClick={() => void onClick()} data-testid="revoke-grant">
        {run.state === "running" ? t.datashare.signingAndWaiting : t.datashare.revoke}
      </button>
      <Outcome run={run} testId="revoke" />
    </>
  );
}

/** The owner's admin opens a key here to grant the dataset; anyone else is told who may. */
function ManageGrants({
  dataset,
  statusState,
  wallet,
  membership,
  onWallet,
  onCommitted,
}: {
  readonly dataset: DatasetRecord;
  readonly statusState: StatusState;
  readonly wallet: Wallet | undefined;
  readonly membership: Membership;
  readonly onWallet: (wallet: Wallet | undefined) => void;
  readonly onCommitted: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="panel" data-testid="manage-grants">
      <h2>{t.datashare.manageGrantsTitle}</h2>
      <p className="muted">{t.datashare.manageGrantsHint(dataset.owner)}</p>
      <SigningKey statusState={statusState} wallet={wallet} onWallet={onWallet} />
      {wallet && membership.state === "known" && !administers(membership, dataset.owner) && (
        <p className="notice" data-testid="not-owner-admin">
          {t.datashare.notOwnerAdmin(dataset.owner)}
        </p>
      )}
      {wallet && administers(membership, dataset.owner) && <GrantForm dataset={dataset} wallet={wallet} statusState={statusState} onCommitted={onCommitted} />}
    </div>
  );
}

function Accesses({ dataset }: { readonly dataset: string }) {
  const { t } = useI18n();
  const [start, setStart] = useState(0);
  const page = useLoad(`datashare-accesses-${dataset}-${start}`, (signal) => datashare.getAccesses(client, { dataset, start, limit: pageLimit, signal }));
  return (
    <div className="panel">
      <h2>{t.datashare.accessesTitle}</h2>
      <LoadStatus loadable={page} />
      {page.state === "loaded" && page.value.total === 0 && <p className="muted">{t.datashare.noAccesses}</p>}
      {page.state === "loaded" && page.value.accesses.length > 0 && (
        <>
          <AccessTable accesses={page.value.accesses} testId="dataset-accesses" />
          <Pager page={page.value} limit={pageLimit} onStart={setStart} testId="accesses-pager" />
        </>
      )}
    </div>
  );
}
