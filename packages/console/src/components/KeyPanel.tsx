import { type CryptoSuite, CryptoError } from "@kexin/core";
import { type AccountView, type Wallet, createWallet, exportKeyFile, importKeyFile } from "@kexin/sdk";
import { type FormEvent, useEffect, useState } from "react";
import { client, errorMessage } from "../api.ts";
import { saveFile } from "./download.ts";
import { Hash } from "./Hash.tsx";
import { nextFrame } from "./nextFrame.ts";
import { useI18n } from "../i18n/index.tsx";

/** A passphrase shorter than this protects a key file from nobody who gets hold of it. */
const passphraseLengthMin = 8;

/**
 * The signing key: opened from an encrypted key file or made here. The wallet lives in the
 * page's state only, never in storage, so leaving or reloading the page forgets it.
 * `unregisteredNote` replaces the warning shown for a key that is no chain account, on pages
 * where such a key is expected (a citizen's key signs requests to read, never transactions).
 */
export function KeyPanel({
  suite,
  wallet,
  onWallet,
  unregisteredNote,
}: {
  readonly suite: CryptoSuite;
  readonly wallet: Wallet | undefined;
  readonly onWallet: (wallet: Wallet | undefined) => void;
  readonly unregisteredNote?: string;
}) {
  const { t } = useI18n();
  const [madeHere, setMadeHere] = useState(false);
  if (wallet) {
    return (
      <>
        <LoadedKey wallet={wallet} onForget={() => onWallet(undefined)} unregisteredNote={unregisteredNote} />
        {madeHere && <NewKeyDownload wallet={wallet} />}
      </>
    );
  }
  return (
    <>
      <OpenKeyFile
        suite={suite}
        onOpened={(opened) => {
          setMadeHere(false);
          onWallet(opened);
        }}
      />
      <h3>{t.key.newKeyTitle}</h3>
      <button
        type="button"
        className="secondary"
        data-testid="create-key"
        onClick={() => {
          setMadeHere(true);
          onWallet(createWallet(suite));
        }}
      >
        {t.key.createKey}
      </button>
    </>
  );
}

function OpenKeyFile({ suite, onOpened }: { readonly suite: CryptoSuite; readonly onOpened: (wallet: Wallet) => void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | undefined>(undefined);
  const [passphrase, setPassphrase] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const pem = await file.text();
      // The key derivation (scrypt) holds the tab for about a second: show "Opening…" first.
      await nextFrame();
      const opened = await importKeyFile(pem, passphrase);
      if (opened.suite.id !== suite.id) {
        setProblem(t.key.wrongSuite(opened.suite.id, suite.id));
        return;
      }
      setPassphrase("");
      onOpened(opened);
    } catch (error) {
      if (error instanceof CryptoError && error.type.code === "CRYPTO_BAD_PASSPHRASE") setProblem(t.key.badPassphrase);
      else if (error instanceof CryptoError && error.type.code === "CRYPTO_BAD_KEY_FILE") setProblem(t.key.badKeyFile(error.type.reason));
      else setProblem(t.common.error(errorMessage(error)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(event) => void onSubmit(event)} data-testid="open-key-form">
      <h3>{t.key.openKeyTitle}</h3>
      <div className="form-grid">
        <div className="key-file">
          <span className="muted">{t.key.keyFile}</span>
          {/* A styled label rather than the browser's own control, whose words follow the browser's language, not the page's. */}
          <label className="button secondary">
            {t.key.chooseKeyFile}
            <input type="file" accept=".key,.pem,text/plain" className="visually-hidden" data-testid="key-file" onChange={(event) => setFile(event.target.files?.[0])} />
          </label>
          {file && <span className="file-hash-name">{file.name}</span>}
        </div>
        <PassphraseInput label={t.key.passphrase} autoComplete="current-password" value={passphrase} onChange={setPassphrase} testId="key-passphrase" />
      </div>
      <div className="actions form-actions">
        <button type="submit" disabled={!file || passphrase.length === 0 || busy} data-testid="open-key">
          {busy ? t.key.opening : t.key.openKey}
        </button>
      </div>
      {problem && (
        <p className="notice" role="alert" data-testid="key-error">
          {problem}
        </p>
      )}
    </form>
  );
}

function LoadedKey({ wallet, onForget, unregisteredNote }: { readonly wallet: Wallet; readonly onForget: () => void; readonly unregisteredNote: string | undefined }) {
  const { t } = useI18n();
  const [account, setAccount] = useState<AccountView | "failed" | undefined>(undefined);
  useEffect(() => {
    const controller = new AbortController();
    setAccount(undefined);
    client.getAccount({ address: wallet.address, signal: controller.signal }).then(
      (answer) => !controller.signal.aborted && setAccount(answer),
      () => !controller.signal.aborted && setAccount("failed"),
    );
    return () => controller.abort();
  }, [wallet]);
  return (
    <div data-testid="key-loaded">
      <dl className="facts">
        <dt>{t.key.address}</dt>
        <dd data-testid="key-address">
          <Hash value={wallet.address} />
        </dd>
      </dl>
      {account === undefined && <p className="muted">{t.key.checkingRegistration}</p>}
      {account !== undefined && account !== "failed" && (
        <p className={account.member ? "ok" : unregisteredNote === undefined ? "notice" : "muted"} data-testid="key-registration" data-registered={String(account.member !== null)}>
          {account.member ? t.key.registered(account.member.name, account.member.org) : (unregisteredNote ?? t.key.notRegistered)}
        </p>
      )}
      <button type="button" className="secondary" onClick={onForget} data-testid="forget-key">
        {t.key.forgetKey}
      </button>
    </div>
  );
}

/** A key made in this tab is lost with the tab unless it is saved, encrypted under a passphrase the clerk chooses. */
function NewKeyDownload({ wallet }: { readonly wallet: Wallet }) {
  const { t } = useI18n();
  const [passphrase, setPassphrase] = useState("");
  const [repeated, setRepeated] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (passphrase.length < passphraseLengthMin) return setProblem(t.key.passphraseTooShort(passphraseLengthMin));
    if (passphrase !== repeated) return setProblem(t.key.passphrasesDiffer);
    setBusy(true);
    setProblem(undefined);
    try {
      await nextFrame();
      const pem = await exportKeyFile(wallet, passphrase);
      saveFile(`kexin-${wallet.address.slice(0, 12)}.key`, new Blob([pem], { type: "application/x-pem-file" }));
    } catch (error) {
      setProblem(t.common.error(errorMessage(error)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="new-key" onSubmit={(event) => void onSubmit(event)} data-testid="new-key">
      <p className="notice">{t.key.newKeyNote}</p>
      <div className="form-grid">
        <PassphraseInput label={t.key.newPassphrase} autoComplete="new-password" value={passphrase} onChange={setPassphrase} testId="new-key-passphrase" />
        <PassphraseInput label={t.key.repeatPassphrase} autoComplete="new-password" value={repeated} onChange={setRepeated} testId="new-key-repeat" />
      </div>
      <div className="actions form-actions">
        <button type="submit" disabled={busy || passphrase.length === 0} data-testid="download-key">
          {t.key.downloadKey}
        </button>
      </div>
      {problem && (
        <p className="notice" role="alert" data-testid="new-key-error">
          {problem}
        </p>
      )}
    </form>
  );
}

export function PassphraseInput({
  label,
  autoComplete,
  value,
  onChange,
  testId,
}: {
  readonly label: string;
  readonly autoComplete: "current-password" | "new-password";
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly testId: string;
}) {
  return (
    <label>
      {label}
      <input type="password" autoComplete={autoComplete} value={value} onChange={(event) => onChange(event.target.value)} data-testid={testId} />
    </label>
  );
}
