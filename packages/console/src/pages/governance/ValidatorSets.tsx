import type { StatusView } from "@kexin/sdk";
import { Hash } from "../../components/Hash.tsx";
import { useI18n } from "../../i18n/index.tsx";
import type { ScheduledSet } from "./loadOverview.ts";
import { totalPower, validatorTimeline } from "./validatorTimeline.ts";

/**
 * The set deciding the next block (from the node's status, with addresses), and every set by the
 * height it starts deciding, from governance's validator schedule: genesis, and the ones approved
 * changes scheduled.
 */
export function ValidatorSets({ status, schedule }: { readonly status: StatusView; readonly schedule: readonly ScheduledSet[] }) {
  const { t } = useI18n();
  const nextHeight = status.height + 1;
  const total = totalPower(status.validators);
  return (
    <div className="panel" data-testid="validator-sets">
      <h2>{t.governance.validatorsTitle}</h2>
      <h3>{t.governance.currentSet(nextHeight)}</h3>
      <p className="muted" data-testid="current-set-summary">
        {t.governance.setSummary(status.validators.length, total)}
      </p>
      <div className="table-scroll">
        <table data-testid="current-validators">
          <thead>
            <tr>
              <th>{t.governance.publicKey}</th>
              <th>{t.governance.address}</th>
              <th>{t.governance.power}</th>
              <th>{t.governance.share}</th>
            </tr>
          </thead>
          <tbody>
            {status.validators.map((validator) => (
              <tr key={validator.publicKey} data-validator={validator.publicKey}>
                <td>
                  <Hash value={validator.publicKey} />
                </td>
                <td>
                  <Hash value={validator.address} to={`/explorer/accounts/${validator.address}`} />
                </td>
                <td data-testid="validator-power">{validator.power}</td>
                <td>{total === 0 ? "—" : `${((validator.power / total) * 100).toFixed(1)}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t.governance.timelineTitle}</h3>
      {schedule.length > 0 && (
        <div className="table-scroll">
          <table data-testid="validator-timeline">
            <thead>
              <tr>
                <th>{t.governance.fromBlock}</th>
                <th>{t.governance.state}</th>
                <th>{t.governance.validators}</th>
              </tr>
            </thead>
            <tbody>
              {validatorTimeline(schedule, nextHeight).map((entry) => (
                <tr key={entry.fromHeight} data-from-height={entry.fromHeight} data-state={entry.state}>
                  <td>{entry.fromHeight}</td>
                  <td>
                    <span className={`badge ${entry.state === "current" ? "badge-ok" : "badge-info"}`}>{t.governance.timeline[entry.state]}</span>
                  </td>
                  <td>
                    <div className="muted">{t.governance.setSummary(entry.validators.length, totalPower(entry.validators))}</div>
                    {entry.validators.map((validator) => (
                      <div key={validator.publicKey}>
                        <Hash value={validator.publicKey} /> {t.governance.setPower(validator.power)}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
