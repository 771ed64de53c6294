import type { SettlementLine } from "@kexin/core";
import { points } from "@kexin/sdk";
import { useState } from "react";
import { client, useLoad } from "../../api.ts";
import { Hash } from "../../components/Hash.tsx";
import { LoadStatus } from "../../components/LoadStatus.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { Pager } from "../datashare/Pager.tsx";

const pageLimit = 10;

/** The transactions behind one line of a period's statement, oldest first, a page at a time; they add up to the line. */
export function LineTransactions({ period, line }: { readonly period: number; readonly line: SettlementLine }) {
  const { t } = useI18n();
  const [start, setStart] = useState(0);
  const page = useLoad(`points-line-${period}-${line.from}-${line.to}-${start}`, (signal) => points.getStatementTransactions(client, { period, from: line.from, to: line.to, start, limit: pageLimit, signal }));
  return (
    <div data-testid="line-transactions" data-line={`${line.from}>${line.to}`}>
      <h3>{t.points.transactionsTitle(line.from, line.to)}</h3>
      <LoadStatus loadable={page} />
      {page.state === "loaded" && (
        <>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th className="numeric">{t.points.height}</th>
                  <th>{t.points.kind}</th>
                  <th className="numeric">{t.points.sum}</th>
                  <th>{t.points.transaction}</th>
                </tr>
              </thead>
              <tbody>
                {page.value.transactions.map((entry) => (
                  <tr key={`${entry.tx}-${entry.kind}`} data-tx={entry.tx} data-kind={entry.kind} data-fen={entry.fen}>
                    <td className="numeric">{entry.height}</td>
                    <td>{t.points.lineKinds[entry.kind]}</td>
                    <td className="numeric">{t.points.yuan(entry.fen)}</td>
                    <td>
                      <Hash value={entry.tx} to={`/explorer/txs/${entry.tx}`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={page.value} limit={pageLimit} onStart={setStart} testId="line-transactions-pager" />
        </>
      )}
    </div>
  );
}
