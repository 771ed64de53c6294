import type { AccessEntry } from "@kexin/core";
import { Hash } from "../../components/Hash.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { RequestedItems } from "./RequestedItems.tsx";

/** Audited requests: when, who, for what purpose, which records or which certificate checked, in which transaction. */
export function AccessTable({ accesses, testId }: { readonly accesses: readonly AccessEntry[]; readonly testId: string }) {
  const { t, language } = useI18n();
  const time = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "medium" });
  return (
    <div className="table-scroll">
      <table data-testid={testId}>
        <thead>
          <tr>
            <th>{t.datashare.time}</th>
            <th>{t.datashare.requester}</th>
            <th>{t.datashare.organisation}</th>
            <th>{t.datashare.dataset}</th>
            <th>{t.datashare.requested}</th>
            <th>{t.datashare.purpose}</th>
            <th>{t.datashare.transaction}</th>
          </tr>
        </thead>
        <tbody>
          {accesses.map((entry) => (
            <tr key={entry.tx} data-access={entry.tx} data-kind={entry.kind}>
              <td>{time.format(new Date(entry.time))}</td>
              <td>
                <Hash value={entry.requester} />
              </td>
              <td>{entry.organisation}</td>
              <td>{entry.dataset ?? "—"}</td>
              <td>
                <RequestedItems entry={entry} />
              </td>
              <td>{entry.purpose}</td>
              <td>
                <Hash value={entry.tx} to={`/explorer/txs/${entry.tx}`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
