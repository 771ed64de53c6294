import type { ProgramRecord } from "@kexin/core";
import { points } from "@kexin/sdk";
import { useState } from "react";
import { type Loadable, client } from "../../api.ts";
import { Hash } from "../../components/Hash.tsx";
import { LoadStatus } from "../../components/LoadStatus.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { Pager } from "../datashare/Pager.tsx";
import { programName } from "./programs.ts";
import { useReload } from "./useReload.ts";

const pageLimit = 10;

/** A member's changes of points, oldest first, a page at a time. */
export function History({ address, programs, revision }: { readonly address: string; readonly programs: Loadable<ReadonlyMap<string, ProgramRecord>>; readonly revision: number }) {
  const { t, language } = useI18n();
  const [start, setStart] = useState(0);
  const history = useReload(`points-history-${address}-${start}`, revision, (signal) => points.getPointsHistory(client, { address, start, limit: pageLimit, signal }));
  return (
    <div className="panel">
      <h2>{t.points.historyTitle}</h2>
      <LoadStatus loadable={history} />
      {history.state === "loaded" && history.value.total === 0 && <p className="muted">{t.points.noHistory}</p>}
      {history.state === "loaded" && history.value.entries.length > 0 && (
        <>
          <div className="table-scroll">
            <table data-testid="points-history">
              <thead>
                <tr>
                  <th className="numeric">{t.points.height}</th>
                  <th>{t.points.kind}</th>
                  <th>{t.points.program}</th>
                  <th className="numeric">{t.points.amount}</th>
                  <th>{t.points.reference}</th>
                  <th>{t.points.transaction}</th>
                </tr>
              </thead>
              <tbody>
                {history.value.entries.map((entry) => (
                  <tr key={`${entry.tx}-${entry.kind}-${entry.program}`} data-kind={entry.kind} data-program={entry.program} data-amount={entry.amount}>
                    <td className="numeric">{entry.height}</td>
                    <td>{t.points.kinds[entry.kind]}</td>
                    <td>{programName(language, programs, entry.program)}</td>
                    <td className="numeric">{entry.amount}</td>
                    <td>{entry.reference ?? ""}</td>
                    <td>
                      <Hash value={entry.tx} to={`/explorer/txs/${entry.tx}`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={history.value} limit={pageLimit} onStart={setStart} testId="points-history-pager" />
        </>
      )}
    </div>
  );
}
