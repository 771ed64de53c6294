import { type SuiteId, getSuite } from "@kexin/core";
import { type FormEvent, useState } from "react";
import { PassphraseInput } from "../../components/KeyPanel.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { type EncryptionKeyFileResult, openEncryptionKeyText, readEncryptionKeyFile } from "./keyTextFiles.ts";

/** The member's encryption key file chosen here, and opened with its passphrase when it is protected; read here and sent nowhere. */
export function EncryptionKey({ suiteId, encryptionKey, onEncryptionKey }: { readonly suiteId: SuiteId | undefined; readonly encryptionKey: EncryptionKeyFileResult | undefined; readonly onEncryptionKey: (key: EncryptionKeyFileResult) => void }) {
  const { t } = useI18n();
  const [locked, setLocked] = useState<string | undefined>(undefined);
  const [passphrase, setPassphrase] = useState("");
  const [busy, setBusy] = useState(false);
  const suite = suiteId === undefined ? undefined : getSuite(suiteId);

  const onRead = (read: EncryptionKeyFileResult) => {
    setLocked(read.ok === "locked" ? read.text : undefined);
    onEncryptionKey(read);
  };
  const onOpen = async (event: FormEvent) => {
    event.preventDefault();
    if (locked === undefined || suite === undefined) return;
    setBusy(true);
    try {
      const opened = await openEncryptionKeyText(locked, passphrase, suite);
      if (opened.ok === true) {
        setPassphrase("");
        setLocked(undefined);
      }
      onEncryptionKey(opened);
    } finally {
      setBusy(false);
    }
  };
  const problem = encryptionKey?.ok === false ? encryptionKey.problem : undefined;
  return (
    <>
      <h3>{t.datashare.encryptionKeyTitle}</h3>
      <p className="muted">{t.datashare.encryptionKeyHint}</p>
      <label className="button secondary">
        {t.datashare.chooseEncryptionKey}
        <input
          type="file"
          className="visually-hidden"
          data-testid="encryption-key-file"
          disabled={suite === undefined}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file && suite) void readEncryptionKeyFile(file, suite).then(onRead);
          }}
        />
      </label>
      {locked !== undefined && (
        <form onSubmit={(event) => void onOpen(event)} data-testid="encryption-key-open-form">
          <p className="muted">{t.datashare.encryptionKeyLocked}</p>
          <div className="form-grid">
            <PassphraseInput label={t.key.passphrase} autoComplete="current-password" value={passphrase} onChange={setPassphrase} testId="encryption-key-passphrase" />
          </div>
          <div className="actions form-actions">
            <button type="submit" disabled={passphrase.length === 0 || busy} data-testid="open-encryption-key">
              {busy ? t.key.opening : t.datashare.openEncryptionKey}
            </button>
          </div>
        </form>
      )}
      {encryptionKey?.ok === true && (
        <p className="ok" data-testid="encryption-key-loaded">
          {t.datashare.encryptionKeyLoaded(`${encryptionKey.publicKey.slice(0, 16)}…`)}
        </p>
      )}
      {problem !== undefined && (
        <p className="notice" role="alert" data-testid="encryption-key-error">
          {problem.kind === "suite" ? t.datashare.encryptionKeySuite(problem.keySuite, suiteId ?? "") : problem.kind === "passphrase" ? t.key.badPassphrase : t.datashare.encryptionKeyBad(problem.detail)}
        </p>
      )}
    </>
  );
}
