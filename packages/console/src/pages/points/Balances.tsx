import { type ProgramRecord, pointsListLimitMax } from "@kexin/core";
import { points } from "@kexin/sdk";
import { type Loadable, client } from "../../api.ts";
import { LoadStatus } from "../../components/LoadStatus.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { programName } from "./programs.ts";
import { useReload } from "./useReload.ts";

/** Programs one member holds at most on this page; the query pages at 500. */
const balancesMax = pointsListLimitMax;

/** A member's live balance of every program it ever held, with the program's name and face value. */
export function Balances({ address, programs, revision }: { readonly address: string; readonly programs: Loadable<ReadonlyMap<string, ProgramRecord>>; readonly revision: number }) {
  const { t, language } = useI18n();
  const balances = useReload(`points-balances-${address}`, revision, (signal) => points.getMemberBalances(client, { address, limit: balancesMax, signal }));
  return (
    <div className="panel">
      <h2>{t.points.balancesTitle}</h2>
      <LoadStatus loadable={balances} />
      {balances.state === "loaded" && balances.value.balances.length === 0 && <p className="muted">{t.points.noBalances}</p>}
      {balances.state === "loaded" && balances.value.balances.length > 0 && (
        <div className="table-scroll">
          <table data-testid="points-balances">
            <thead>
              <tr>
                <th>{t.points.program}</th>
                <th>{t.points.programId}</th>
                <th className="numeric">{t.points.balance}</th>
                <th className="numeric">{t.points.faceValue}</th>
                <th className="numeric">{t.points.value}</th>
              </tr>
            </thead>
            <tbody>
              {balances.value.balances.map((entry) => {
                const faceValueFen = programs.state === "loaded" ? programs.value.get(entry.program)?.faceValueFen : undefined;
                return (
                  <tr key={entry.program} data-program={entry.program} data-balance={entry.balance}>
                    <td>{programName(language, programs, entry.program)}</td>
                    <td>{entry.program}</td>
                    <td className="numeric">{entry.balance}</td>
                    <td className="numeric">{faceValueFen === undefined ? "" : t.points.yuan(faceValueFen)}</td>
                    <td className="numeric">{faceValueFen === undefined ? "" : t.points.yuan(entry.balance * faceValueFen)}</td>
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
