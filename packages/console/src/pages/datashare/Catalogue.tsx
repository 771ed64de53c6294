import { datashare, identity } from "@kexin/sdk";
import { useState } from "react";
import { client, useLoad } from "../../api.ts";
import { LoadStatus } from "../../components/LoadStatus.tsx";
import { type Language, useI18n } from "../../i18n/index.tsx";
import { Link } from "../../router.tsx";
import { CreditsChart } from "./CreditsChart.tsx";
import { Pager } from "./Pager.tsx";

const pageLimit = 20;

/** The title in the page's language: Chinese for zh-CN, English otherwise. */
export function titleIn(language: Language, title: { readonly zh: string; readonly en: string }): string {
  return language === "zh-CN" ? title.zh : title.en;
}

/** `/datashare`: the catalogue of datasets, a page at a time, and every organisation's credits. */
export function Catalogue() {
  const { t, language } = useI18n();
  const [start, setStart] = useState(0);
  const list = useLoad(`datashare-datasets-${start}`, (signal) => datashare.getDatasets(client, { start, limit: pageLimit, signal }));
  return (
    <>
      <div className="panel">
        <h2>{t.datashare.catalogueTitle}</h2>
        <LoadStatus loadable={list} />
        {list.state === "loaded" && list.value.total === 0 && <p className="muted">{t.datashare.noDatasets}</p>}
        {list.state === "loaded" && list.value.datasets.length > 0 && (
          <>
            <div className="table-scroll">
              <table data-testid="datasets">
                <thead>
                  <tr>
                    <th>{t.datashare.dataset}</th>
                    <th>{t.datashare.titleColumn}</th>
                    <th>{t.datashare.owner}</th>
                    <th>{t.datashare.classification}</th>
                    <th className="numeric">{t.datashare.price}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.value.datasets.map((dataset) => (
                    <tr key={dataset.id} data-dataset={dataset.id}>
                      <td>
                        <Link to={`/datashare/datasets/${dataset.id}`}>{dataset.id}</Link>
                      </td>
                      <td>{titleIn(language, dataset.title)}</td>
                      <td>{dataset.owner}</td>
                      <td>{t.datashare.classifications[dataset.classification]}</td>
                      <td className="numeric">{dataset.price}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager page={list.value} limit={pageLimit} onStart={setStart} testId="datasets-pager" />
          </>
        )}
      </div>
      <Credits />
    </>
  );
}

function Credits() {
  const { t } = useI18n();
  const balances = useLoad("datashare-credits", async (signal) => {
    const { organisations } = await identity.getOrganisations(client, { signal });
    return Promise.all(organisations.map((organisation) => datashare.getCredits(client, { organisation: organisation.id, signal })));
  });
  return (
    <div className="panel">
      <h2>{t.datashare.creditsTitle}</h2>
      <p className="muted">{t.datashare.creditsHint}</p>
      <LoadStatus loadable={balances} />
      {balances.state === "loaded" && (
        <>
          <CreditsChart balances={balances.value} label={t.datashare.creditsChart} />
          <p data-testid="credits-total">{t.datashare.total(balances.value.reduce((sum, entry) => sum + entry.balance, 0))}</p>
        </>
      )}
    </div>
  );
}
