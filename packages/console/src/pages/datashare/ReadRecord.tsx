import { getSuite } from "@kexin/core";
import { type Wallet, datashare } from "@kexin/sdk";
import { type FormEvent, useState } from "react";
import { type StatusState, client, errorCode, errorMessage } from "../../api.ts";
import { Hash } from "../../components/Hash.tsx";
import { Json } from "../../components/Json.tsx";
import { KeyPanel } from "../../components/KeyPanel.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { Link, useRouter } from "../../router.tsx";
import { EncryptionKey } from "./EncryptionKey.tsx";
import type { EncryptionKeyFileResult } from "./keyTextFiles.ts";
import { sendAndCommit } from "./sendAndCommit.ts";

type Run =
  | { readonly state: "idle" }
  | { readonly state: "running"; readonly phase: "access" | "key" }
  | { readonly state: "read"; readonly access: string; readonly read: datashare.ReadRecordReturnType }
  | { readonly state: "refused"; readonly message: string };

/** `/datashare/records/<id>`: an audited access signed here, then the record decrypted here. */
export function ReadRecord({ id, statusState }: { readonly id: string; readonly statusState: StatusState }) {
  const { t } = useI18n();
  const [wallet, setWallet] = useState<Wallet | undefined>(undefined);
  const [encryptionKey, setEncryptionKey] = useState<EncryptionKeyFileResult | undefined>(undefined);
  const [purpose, setPurpose] = useState("");
  const { search } = useRouter();
  // The list of one's own accesses links here with the access to read under.
  const [existingAccess, setExistingAccess] = useState(() => new URLSearchParams(search).get("access") ?? "");
  const [run, setRun] = useState<Run>({ state: "idle" });
  const suiteId = statusState.status?.suite;
  const ready = wallet !== undefined && encryptionKey?.ok === true && (purpose.trim().length > 0 || existingAccess.trim().length > 0);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!wallet || encryptionKey?.ok !== true) return;
    try {
      let access = existingAccess.trim().toLowerCase();
      if (access.length === 0) {
        setRun({ state: "running", phase: "access" });
        const committed = await sendAndCommit(wallet, datashare.access({ record: id, purpose: purpose.trim() }));
        if (committed.result.status !== "ok") return setRun({ state: "refused", message: `${committed.result.code}: ${committed.result.message}` });
        access = committed.hash;
      }
      setRun({ state: "running", phase: "key" });
      const read = await client.datashare.readRecord({ wallet, encryptionPrivateKey: encryptionKey.privateKey, access, record: id });
      setRun({ state: "read", access, read });
    } catch (error) {
      const code = errorCode(error);
      setRun({ state: "refused", message: code ? `${code}: ${errorMessage(error)}` : errorMessage(error) });
    }
  };

  return (
    <>
      <p>
        <Link to="/datashare">{t.datashare.backToCatalogue}</Link>
      </p>
      <div className="panel" data-testid="read-panel">
        <h2>{t.datashare.readTitle(id)}</h2>
        <p className="muted">{t.datashare.readIntro}</p>
        <h3>{t.datashare.signingKeyTitle}</h3>
        {suiteId === undefined ? <p className="muted">{t.common.loading}</p> : <KeyPanel suite={getSuite(suiteId)} wallet={wallet} onWallet={setWallet} />}
        <EncryptionKey suiteId={suiteId} encryptionKey={encryptionKey} onEncryptionKey={setEncryptionKey} />
        <form onSubmit={(event) => void onSubmit(event)}>
          <div className="form-grid">
            <label>
              {t.datashare.purposeLabel}
              <input value={purpose} onChange={(event) => setPurpose(event.target.value)} maxLength={256} data-testid="read-purpose" />
            </label>
            <label>
              {t.datashare.accessLabel}
              <input value={existingAccess} onChange={(event) => setExistingAccess(event.target.value)} data-testid="read-access" />
            </label>
          </div>
          <div className="actions form-actions">
            <button type="submit" disabled={!ready || run.state === "running"} data-testid="read-record">
              {t.datashare.readButton}
            </button>
            {run.state === "running" && (
              <span className="muted" role="status">
                {t.datashare.phases[run.phase]}
              </span>
            )}
          </div>
          {(!wallet || encryptionKey?.ok !== true) && <p className="muted">{t.datashare.needKeys}</p>}
        </form>
        {run.state === "refused" && (
          <div className="verdict bad" role="alert" data-testid="read-error">
            <strong>{t.datashare.refused}</strong>
            <p className="step-detail">{run.message}</p>
          </div>
        )}
        {run.state === "read" && (
          <div data-testid="decrypted">
            <h3>{t.datashare.decrypted}</h3>
            <p className="muted">
              {t.datashare.decryptedBy}
              <Hash value={run.access} to={`/explorer/txs/${run.access}`} />
            </p>
            <p className="muted" data-testid="granted-fields" data-fields={run.read.grantedFields?.join(",") ?? ""}>
              {run.read.grantedFields === undefined ? t.datashare.grantedWhole : t.datashare.grantedFields(run.read.grantedFields.join(", "))}
              {run.read.withheldFields.length > 0 && <> {t.datashare.withheldFields(run.read.withheldFields.join(", "))}</>}
            </p>
            <Json value={run.read.value} testId="decrypted-record" />
          </div>
        )}
      </div>
    </>
  );
}
