import { datashare } from "@kexin/sdk";
import { useState } from "react";
import { client, useLoad } from "../../api.ts";
import { Hash } from "../../components/Hash.tsx";
import { LoadStatus } from "../../components/LoadStatus.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { Link } from "../../router.tsx";
import { AccessTable } from "./AccessTable.tsx";
import { titleIn } from "./Catalogue.tsx";
import { Pager } from "./Pager.tsx";

const pageLimit = 20;

/** `/datashare/datasets/<id>`: a dataset, its records, its grants and the accesses made to it. */
export function DatasetDetail({ id }: { readonly id: string }) {
  const { t, language } = useI18n();
  const dataset = useLoad(`datashare-dataset-${id}`, (signal) => datashare.getDataset(client, { id, signal }));
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
      </div>
      <Records dataset={id} />
      <Grants dataset={id} />
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

function Grants({ dataset }: { readonly dataset: string }) {
  const { t } = useI18n();
  const [start, setStart] = useState(0);
  const page = useLoad(`datashare-grants-${dataset}-${start}`, (signal) => datashare.getGrants(client, { dataset, start, limit: pageLimit, signal }));
  return (
    <div className="panel">
      <h2>{t.datashare.grantsTitle}</h2>
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
                </tr>
              </thead>
              <tbody>
                {page.value.grants.map((grant) => (
                  <tr key={`${grant.grantee.kind}:${grant.grantee.id}`} data-grantee={grant.grantee.id}>
                    <td>{grant.grantee.kind === "organisation" ? grant.grantee.id : <Hash value={grant.grantee.id} />}</td>
                    <td>{grant.purpose}</td>
                    <td className="numeric">{`${grant.accesses} / ${grant.accessesMax}`}</td>
                    <td className="numeric">{grant.expiresAt}</td>
                    <td className={grant.revokedFrom === undefined ? "ok" : "bad"}>{grant.revokedFrom === undefined ? t.datashare.standing : t.datashare.revokedFrom(grant.revokedFrom)}</td>
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
