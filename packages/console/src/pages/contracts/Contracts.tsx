import { contracts } from "@kexin/sdk";
import { client, useLoad } from "../../api.ts";
import { Hash } from "../../components/Hash.tsx";
import { LoadStatus } from "../../components/LoadStatus.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { Link } from "../../router.tsx";
import { Proposals } from "./Proposals.tsx";

/** `/contracts`: every contract the consortium approved, and the proposals with their approvals. */
export function Contracts() {
  const { t } = useI18n();
  const list = useLoad("contracts", (signal) => contracts.listContracts(client, { signal }));
  return (
    <section aria-labelledby="contracts-title">
      <h1 id="contracts-title">{t.contracts.title}</h1>
      <p>{t.contracts.intro}</p>
      <div className="panel">
        <h2>{t.contracts.listTitle}</h2>
        <LoadStatus loadable={list} />
        {list.state === "loaded" && list.value.length === 0 && <p className="muted">{t.contracts.none}</p>}
        {list.state === "loaded" && list.value.length > 0 && (
          <div className="table-scroll">
            <table data-testid="contracts-list">
              <thead>
                <tr>
                  <th>{t.contracts.name}</th>
                  <th>{t.contracts.status}</th>
                  <th className="numeric">{t.contracts.version}</th>
                  <th>{t.contracts.codeHash}</th>
                  <th className="numeric">{t.contracts.activatedAt}</th>
                </tr>
              </thead>
              <tbody>
                {list.value.map((contract) => (
                  <tr key={contract.name} data-contract={contract.name}>
                    <td>
                      <Link to={`/contracts/${contract.name}`}>{contract.name}</Link>
                    </td>
                    <td className={contract.status === "active" ? "ok" : "bad"} data-status={contract.status}>
                      {t.contracts.statuses[contract.status]}
                    </td>
                    <td className="numeric">{contract.version}</td>
                    <td>
                      <Hash value={contract.codeHash} />
                    </td>
                    <td className="numeric">
                      <Link to={`/explorer/blocks/${contract.activatedAt}`}>{contract.activatedAt}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <Proposals />
    </section>
  );
}
