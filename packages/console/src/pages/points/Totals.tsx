import type { ProgramRecord } from "@kexin/core";
import { points } from "@kexin/sdk";
import { client } from "../../api.ts";
import { LoadStatus } from "../../components/LoadStatus.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { useReload } from "./useReload.ts";

/** A program's issuance counters and what it owes its members (outstanding × face value). */
export function Totals({ program, revision }: { readonly program: ProgramRecord; readonly revision: number }) {
  const { t } = useI18n();
  const totals = useReload(`points-totals-${program.id}`, revision, (signal) => points.getProgramTotals(client, { program: program.id, signal }));
  return (
    <div className="panel">
      <h2>{t.points.totalsTitle}</h2>
      <LoadStatus loadable={totals} />
      {totals.state === "loaded" && (
        <>
          <dl className="facts" data-testid="points-totals" data-issued={totals.value.issued} data-outstanding={totals.value.outstanding} data-liability-fen={totals.value.liabilityFen}>
            <dt>{t.points.issued}</dt>
            <dd>{totals.value.issued}</dd>
            <dt>{t.points.exchangedIn}</dt>
            <dd>{totals.value.exchangedIn}</dd>
            <dt>{t.points.burnt}</dt>
            <dd>{totals.value.burnt}</dd>
            <dt>{t.points.exchangedOut}</dt>
            <dd>{totals.value.exchangedOut}</dd>
            <dt>{t.points.redeemed}</dt>
            <dd>{totals.value.redeemed}</dd>
            <dt>{t.points.expired}</dt>
            <dd>{totals.value.expired}</dd>
            <dt>{t.points.outstanding}</dt>
            <dd>{totals.value.outstanding}</dd>
            <dt>{t.points.liability}</dt>
            <dd data-testid="points-liability">{t.points.yuan(totals.value.liabilityFen)}</dd>
          </dl>
          <p className="muted">{t.points.asOf(new Date(totals.value.asOf.time).toISOString())}</p>
        </>
      )}
    </div>
  );
}
