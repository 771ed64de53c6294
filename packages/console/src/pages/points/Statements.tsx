import { type SettlementLine, type StatementAnswer, pointsListLimitMax } from "@kexin/core";
import { type Wallet, points } from "@kexin/sdk";
import { useState } from "react";
import { client } from "../../api.ts";
import { LoadStatus } from "../../components/LoadStatus.tsx";
import { useI18n } from "../../i18n/index.tsx";
import type { FormRun } from "../datashare/Outcome.tsx";
import { LineTransactions } from "./LineTransactions.tsx";
import { Payments } from "./Payments.tsx";
import { useReload } from "./useReload.ts";

/** A merchant's settlement statements: the periods closed so far, the chosen one's lines per partner (with the transactions behind each) and its payments after netting. */
export function Statements({ merchant, wallet, revision, onCommitted }: { readonly merchant: string; readonly wallet: Wallet | undefined; readonly revision: number; readonly onCommitted: () => void }) {
  const { t } = useI18n();
  const periods = useReload("points-periods", revision, (signal) => points.getSettlementPeriods(client, { limit: pointsListLimitMax, signal }));
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  // Kept here: a confirmation reloads the periods, and the statement below with them.
  const [run, setRun] = useState<FormRun<"signing">>({ state: "idle" });
  const newest = periods.state === "loaded" ? periods.value.periods.at(-1)?.number : undefined;
  const period = chosen ?? newest;
  return (
    <div className="panel">
      <h2>{t.points.statementsTitle}</h2>
      <LoadStatus loadable={periods} />
      {periods.state === "loaded" && periods.value.total === 0 && <p className="muted">{t.points.noPeriods}</p>}
      {periods.state === "loaded" && period !== undefined && (
        <>
          <label>
            {t.points.period}{" "}
            <select value={period} onChange={(event) => setChosen(Number(event.target.value))} data-testid="statement-period">
              {periods.value.periods.map((entry) => (
                <option key={entry.number} value={entry.number}>
                  {t.points.periodOption(entry.number, entry.fromHeight, entry.toHeight, t.points.statuses[entry.status])}
                </option>
              ))}
            </select>
          </label>
          <Statement key={`${period}-${merchant}`} period={period} merchant={merchant} wallet={wallet} revision={revision} run={run} onRun={setRun} onCommitted={onCommitted} />
        </>
      )}
    </div>
  );
}

function Statement({
  period,
  merchant,
  wallet,
  revision,
  run,
  onRun,
  onCommitted,
}: {
  readonly period: number;
  readonly merchant: string;
  readonly wallet: Wallet | undefined;
  readonly revision: number;
  readonly run: FormRun<"signing">;
  readonly onRun: (run: FormRun<"signing">) => void;
  readonly onCommitted: () => void;
}) {
  const { t } = useI18n();
  const statement = useReload(`points-statement-${period}-${merchant}`, revision, (signal) => points.getStatement(client, { period, merchant, signal }));
  const [line, setLine] = useState<SettlementLine | undefined>(undefined);
  if (statement.state !== "loaded") return <LoadStatus loadable={statement} />;
  return (
    <div data-testid="statement" data-period={period} data-merchant={merchant} data-net-fen={statement.value.netFen}>
      <StatementSummary statement={statement.value} />
      {statement.value.partners.length === 0 ? <p className="muted">{t.points.noLines}</p> : <PartnerLines statement={statement.value} onShow={setLine} />}
      {line && <LineTransactions key={`${line.from}-${line.to}`} period={period} line={line} />}
      <h3>{t.points.paymentsTitle}</h3>
      <p className="muted">{t.points.confirmHint}</p>
      <Payments period={period} merchant={merchant} payments={statement.value.payments} wallet={wallet} run={run} onRun={onRun} onCommitted={onCommitted} />
    </div>
  );
}

function StatementSummary({ statement }: { readonly statement: StatementAnswer }) {
  const { t } = useI18n();
  return (
    <dl className="facts">
      <dt>{t.points.owes}</dt>
      <dd data-testid="statement-owes">{t.points.yuan(statement.owesFen)}</dd>
      <dt>{t.points.owed}</dt>
      <dd data-testid="statement-owed">{t.points.yuan(statement.owedFen)}</dd>
      <dt>{t.points.net}</dt>
      <dd data-testid="statement-net">{t.points.yuan(statement.netFen)}</dd>
    </dl>
  );
}

function PartnerLines({ statement, onShow }: { readonly statement: StatementAnswer; readonly onShow: (line: SettlementLine) => void }) {
  const { t } = useI18n();
  return (
    <div className="table-scroll">
      <table data-testid="statement-lines">
        <thead>
          <tr>
            <th>{t.points.partner}</th>
            <th>{t.points.line}</th>
            <th className="numeric">{t.points.owes}</th>
            <th className="numeric">{t.points.owed}</th>
            <th>{t.points.behind}</th>
          </tr>
        </thead>
        <tbody>
          {statement.partners.flatMap((partner) =>
            partner.lines.map((line) => {
              const owes = line.fromMerchant === statement.merchant;
              return (
                <tr key={`${line.from}-${line.to}`} data-partner={partner.partner} data-line={`${line.from}>${line.to}`} data-fen={line.fen}>
                  <td>{partner.partner}</td>
                  <td>
                    {line.from} → {line.to}
                  </td>
                  <td className="numeric">{owes ? t.points.yuan(line.fen) : ""}</td>
                  <td className="numeric">{owes ? "" : t.points.yuan(line.fen)}</td>
                  <td>
                    <button type="button" className="secondary" onClick={() => onShow(line)} data-testid="show-line-transactions">
                      {t.points.showTransactions}
                    </button>
                  </td>
                </tr>
              );
            }),
          )}
        </tbody>
      </table>
    </div>
  );
}
