import type { SettlementSide, StatementAnswer } from "@kexin/core";
import { type Wallet, points } from "@kexin/sdk";
import { useI18n } from "../../i18n/index.tsx";
import { type FormRun, Outcome } from "../datashare/Outcome.tsx";
import { signWithRun } from "./signWithRun.ts";

type Payment = StatementAnswer["payments"][number];

/** A merchant's payments of one period after netting, each side's confirmation, and the button its admin signs with. */
export function Payments({
  period,
  merchant,
  payments,
  wallet,
  run,
  onRun,
  onCommitted,
}: {
  readonly period: number;
  readonly merchant: string;
  readonly payments: readonly Payment[];
  readonly wallet: Wallet | undefined;
  /** Kept by the statements panel, which outlives the reload a confirmation causes. */
  readonly run: FormRun<"signing">;
  readonly onRun: (run: FormRun<"signing">) => void;
  readonly onCommitted: () => void;
}) {
  const { t } = useI18n();
  if (payments.length === 0) return <p className="muted">{t.points.noPayments}</p>;
  const confirm = async (payment: Payment, side: SettlementSide) => {
    if (!wallet) return;
    await signWithRun(wallet, points.confirmSettlement({ period, payment: payment.index, side }), onRun, onCommitted);
  };
  const confirmation = (value: Payment["paid"]) => (value === null ? t.points.notYet : t.points.confirmedAt(value.height));
  return (
    <>
      <div className="table-scroll">
        <table data-testid="statement-payments">
          <thead>
            <tr>
              <th>{t.points.payer}</th>
              <th>{t.points.payee}</th>
              <th className="numeric">{t.points.sum}</th>
              <th>{t.points.paid}</th>
              <th>{t.points.receivedColumn}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {payments.map((payment) => {
              const side: SettlementSide = payment.payer === merchant ? "paid" : "received";
              const confirmed = payment[side] !== null;
              return (
                <tr key={payment.index} data-payment={payment.index} data-payer={payment.payer} data-payee={payment.payee} data-fen={payment.fen} data-paid={String(payment.paid !== null)} data-received={String(payment.received !== null)}>
                  <td>{payment.payer}</td>
                  <td>{payment.payee}</td>
                  <td className="numeric">{t.points.yuan(payment.fen)}</td>
                  <td>{confirmation(payment.paid)}</td>
                  <td>{confirmation(payment.received)}</td>
                  <td>
                    {!confirmed && (
                      <button type="button" disabled={!wallet || run.state === "running"} onClick={() => void confirm(payment, side)} data-testid={`confirm-${side}`}>
                        {run.state === "running" ? t.points.confirming : t.points.confirm[side]}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {!wallet && <p className="muted">{t.points.needSigningKey}</p>}
      <Outcome run={run} testId="confirm-settlement" />
    </>
  );
}
