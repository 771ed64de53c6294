import type { AccessEntry } from "@kexin/core";
import { useI18n } from "../../i18n/index.tsx";
import { Link } from "../../router.tsx";
import { computePath } from "./ComputeRequest.tsx";

/**
 * What an audited request asked for: the records an access read, or the certificate a
 * verification checked and the chain's verdict on it; under a field grant, the fields it covered. `recordLink` links a record where it can
 * still be read.
 */
export function RequestedItems({ entry, recordLink }: { readonly entry: AccessEntry; readonly recordLink?: ((record: string) => string) | undefined }) {
  const { t } = useI18n();
  if (entry.kind === "credential_verification") {
    const words = t.datashare.verification;
    return (
      <span data-testid="credential-check" data-verdict={entry.result}>
        {words.checked(entry.credential, entry.owner)}{" "}
        <strong className={entry.result === "valid" ? "ok" : "bad"}>{words.verdicts[entry.result]}</strong>
      </span>
    );
  }
  return (
    <>
      {entry.records.map((record, position) => (
        <span key={record}>
          {position > 0 && ", "}
          {recordLink === undefined ? record : <Link to={recordLink(record)}>{record}</Link>}
        </span>
      ))}
      {entry.kind === "compute" && (
        <span className="muted" data-testid="access-compute" data-status={entry.status}>
          {" "}
          <Link to={computePath(entry.tx)}>{t.datashare.computeUse(`${entry.contract}.${entry.method}`, t.datashare.computeStatuses[entry.status])}</Link>
        </span>
      )}
      {entry.kind === "access" && entry.fields !== undefined && (
        <span className="muted" data-testid="access-fields">
          {" "}
          {t.datashare.accessFields(entry.fields.join(", "))}
        </span>
      )}
    </>
  );
}
