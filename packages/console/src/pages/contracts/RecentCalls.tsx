import { contracts } from "@kexin/sdk";
import { client, useLoad } from "../../api.ts";
import { Hash } from "../../components/Hash.tsx";
import { LoadStatus } from "../../components/LoadStatus.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { Link } from "../../router.tsx";

const recentCallsShown = 20;

/** The contract's newest calls, each linked to its transaction and receipt; a failed one shows its code. */
export function RecentCalls({ contract, refresh }: { readonly contract: string; readonly refresh: number }) {
  const { t } = useI18n();
  const calls = useLoad(`calls:${contract}:${refresh}`, (signal) => contracts.getCalls(client, { contract, limit: recentCallsShown, signal }));
  return (
    <div className="panel">
      <h2>{t.contracts.recentTitle}</h2>
      <LoadStatus loadable={calls} />
      {calls.state === "loaded" && calls.value.total === 0 && <p className="muted">{t.contracts.noCalls}</p>}
      {calls.state === "loaded" && calls.value.total > 0 && (
        <>
          <p className="muted">{t.contracts.recentHint(calls.value.total)}</p>
          <div className="table-scroll">
            <table data-testid="recent-calls" data-total={calls.value.total}>
              <thead>
                <tr>
                  <th className="numeric">{t.contracts.height}</th>
                  <th>{t.contracts.method}</th>
                  <th>{t.contracts.caller}</th>
                  <th>{t.contracts.result}</th>
                  <th className="numeric">{t.contracts.gasUsed}</th>
                  <th>{t.contracts.receipt}</th>
                </tr>
              </thead>
              <tbody>
                {calls.value.calls.map((call) => (
                  <tr key={call.txHash} data-tx={call.txHash}>
                    <td className="numeric">
                      <Link to={`/explorer/blocks/${call.height}`}>{call.height}</Link>
                    </td>
                    <td>
                      <code>{call.method}</code>
                    </td>
                    <td>
                      <Hash value={call.caller} to={`/explorer/accounts/${call.caller}`} />
                    </td>
                    {call.status === "ok" ? (
                      <td className="ok" data-status="ok">
                        {t.contracts.resultOk}
                      </td>
                    ) : (
                      <td className="bad" data-status="failed" data-code={call.code}>
                        {t.contracts.resultFailed} <code>{call.code}</code>
                      </td>
                    )}
                    <td className="numeric">{call.gasUsed}</td>
                    <td>
                      <Hash value={call.txHash} to={`/explorer/txs/${call.txHash}`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
