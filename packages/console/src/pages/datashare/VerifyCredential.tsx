import { type CredentialDocument, type CredentialVerification, getSuite } from "@kexin/core";
import type { Wallet } from "@kexin/sdk";
import { type FormEvent, useState } from "react";
import { type StatusState, client } from "../../api.ts";
import { Hash } from "../../components/Hash.tsx";
import { Json } from "../../components/Json.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { CredentialActions } from "./CredentialActions.tsx";
import { type CredentialSigner, issuerFromChain } from "./issuerFromChain.ts";
import { refusalText } from "./Outcome.tsx";

/** A credential is a few kilobytes; a file much larger is something else. */
const credentialFileBytesMax = 256 * 1024;

type Verdict = { readonly verification: CredentialVerification; readonly credential: CredentialDocument; readonly signer: CredentialSigner | undefined };
type Run = { readonly state: "idle" } | { readonly state: "running" } | { readonly state: "unreadable"; readonly message: string } | { readonly state: "done"; readonly verdict: Verdict };

/**
 * Verifies a credential here in the browser with the SDK's verification (proof, validity, status
 * and hash): the issuer's key is trusted as the chain registers it, and the status and hash come
 * from the chain's record of the credential. Nothing is signed or recorded here, unless an issuer
 * of the credential's organisation, with `wallet` open, changes its status.
 */
export function VerifyCredential({ statusState, wallet }: { readonly statusState: StatusState; readonly wallet: Wallet | undefined }) {
  const { t } = useI18n();
  const [text, setText] = useState("");
  const [run, setRun] = useState<Run>({ state: "idle" });
  const suiteId = statusState.status?.suite;

  const onFile = async (file: File) => {
    if (file.size > credentialFileBytesMax) return setRun({ state: "unreadable", message: t.datashare.credentials.fileTooLarge(file.size) });
    setText(await file.text());
    setRun({ state: "idle" });
  };
  // After the issuer changes the credential's status here, the verdict is renewed in place, so the change's outcome stays in view.
  const verify = async (credential: CredentialDocument, renewing = false) => {
    if (suiteId === undefined) return;
    if (!renewing) setRun({ state: "running" });
    try {
      const { trustedIssuers, signer } = await issuerFromChain(getSuite(suiteId), credential);
      const verification = await client.datashare.verifyCredential({ credential, trustedIssuers });
      setRun({ state: "done", verdict: { verification, credential, signer } });
    } catch (error) {
      setRun({ state: "unreadable", message: refusalText(error) });
    }
  };
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    let credential: CredentialDocument;
    try {
      credential = JSON.parse(text) as CredentialDocument;
    } catch (error) {
      return setRun({ state: "unreadable", message: t.datashare.publish.json(refusalText(error)) });
    }
    await verify(credential);
  };

  return (
    <div className="panel" data-testid="verify-panel">
      <h2>{t.datashare.credentials.verifyTitle}</h2>
      <p className="muted">{t.datashare.credentials.verifyIntro}</p>
      <form onSubmit={(event) => void onSubmit(event)} data-testid="verify-form">
        <label className="button secondary">
          {t.datashare.credentials.chooseFile}
          <input type="file" accept=".json,application/json" className="visually-hidden" data-testid="verify-file" onChange={(event) => event.target.files?.[0] && void onFile(event.target.files[0])} />
        </label>
        <label>
          {t.datashare.credentials.pasteLabel}
          <textarea
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setRun({ state: "idle" });
            }} rows={8} spellCheck={false} data-testid="verify-text" />
        </label>
        <div className="actions form-actions">
          <button type="submit" disabled={text.trim() === "" || suiteId === undefined || run.state === "running"} data-testid="verify-submit">
            {t.datashare.credentials.verifyButton}
          </button>
          {run.state === "running" && (
            <span className="muted" role="status">
              {t.datashare.credentials.verifying}
            </span>
          )}
        </div>
      </form>
      {run.state === "unreadable" && (
        <div className="verdict bad" role="alert" data-testid="verify-error">
          <strong>{t.datashare.refused}</strong>
          <p className="step-detail">{run.message}</p>
        </div>
      )}
      {run.state === "done" && <VerdictView verdict={run.verdict} />}
      {run.state === "done" && wallet !== undefined && typeof run.verdict.credential.id === "string" && (
        <CredentialActions wallet={wallet} id={run.verdict.credential.id} onChanged={() => void verify(run.verdict.credential, true)} />
      )}
    </div>
  );
}

function VerdictView({ verdict }: { readonly verdict: Verdict }) {
  const { t } = useI18n();
  const { verification, credential, signer } = verdict;
  const words = t.datashare.credentials;
  return (
    <div data-testid="verify-result" data-verified={String(verification.verified)} {...(verification.verified ? {} : { "data-check": verification.check, "data-code": verification.code })}>
      <div className={`verdict ${verification.verified ? "ok" : "bad"}`} role="status">
        <strong>{verification.verified ? words.valid : words.invalid(words.checks[verification.check])}</strong>
        {!verification.verified && (
          <>
            <p className="step-detail" data-testid="verify-reason">
              {words.reasons[verification.code] ?? verification.message}
            </p>
            <p className="step-detail muted">{`${verification.code}: ${verification.message}`}</p>
          </>
        )}
      </div>
      <dl className="facts">
        <dt>{words.issuer}</dt>
        <dd data-testid="verify-issuer">{verification.verified ? words.issuedBy(verification.issuer.id, verification.issuer.organisation) : String(typeof credential.issuer === "string" ? credential.issuer : JSON.stringify(credential.issuer ?? null))}</dd>
        <dt>{words.signer}</dt>
        <dd>
          {signer === undefined ? (
            words.noSigner
          ) : (
            <>
              <Hash value={signer.address} to={`/explorer/accounts/${signer.address}`} /> {signer.member === undefined ? words.signerUnknown : words.signerMember(signer.member.name, signer.member.org)}
            </>
          )}
        </dd>
        <dt>{words.status}</dt>
        <dd data-testid="verify-status" data-status={verification.status ?? "unknown"} className={verification.verified ? "ok" : verification.status === undefined ? "" : "bad"}>
          {verification.verified ? words.active(verification.statusIndex) : verification.status === "revoked" ? words.revoked : verification.status === "suspended" ? words.suspended(verification.suspendedAt ?? 0) : words.statusUnknown}
        </dd>
        <dt>{words.subject}</dt>
        <dd>
          <Json value={credential.credentialSubject ?? null} testId="verify-subject" />
        </dd>
      </dl>
    </div>
  );
}
