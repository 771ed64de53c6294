import type { CredentialDocument, CredentialJson } from "@kexin/core";
import { type Wallet, datashare } from "@kexin/sdk";
import { type FormEvent, useState } from "react";
import { type StatusState, client, useLoad } from "../../api.ts";
import { saveJson } from "../../components/download.ts";
import { Json } from "../../components/Json.tsx";
import { firstNonIntegerNumber } from "../../components/jsonNumbers.ts";
import { useI18n } from "../../i18n/index.tsx";
import { FormFooter, type FormRun, committedRun, refusalText } from "./Outcome.tsx";
import { sendAndCommit } from "./sendAndCommit.ts";
import { SigningKey } from "./SigningKey.tsx";
import { SubjectInput, useSubjectChoice } from "./SubjectInput.tsx";
import { useMembership } from "./useMembership.ts";

type Phase = "signing" | "committing";

const credentialTypePattern = /^[A-Za-z][A-Za-z0-9]{0,63}$/;
/** The catalogue the dataset is chosen from: one page of the largest size a list query answers. */
const datasetsListed = 1_000;

/** A `datetime-local` field's value (local time, no zone) as an XML Schema dateTime in UTC, whole seconds. */
function dateTimeOf(localValue: string): string | undefined {
  const time = new Date(localValue).getTime();
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().replace(/\.000Z$/, "Z");
}

/** A random (version 4) UUID. crypto.randomUUID exists only on https and localhost pages; getRandomValues everywhere. */
function randomUuid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Now, as a `datetime-local` field shows it. */
function localNow(): string {
  const now = new Date();
  now.setSeconds(0, 0);
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/**
 * A department's issuer signs a credential here: the SDK's issueCredential adds its revocation
 * and suspension entries in the organisation's status lists and signs the proof with the key
 * opened here; the issue_credential transaction records its id and hash, and the subject reference
 * and the dataset when they are given. The signed credential goes to its holder as a file.
 */
export function IssueCredential({ statusState, wallet, onWallet }: { readonly statusState: StatusState; readonly wallet: Wallet | undefined; readonly onWallet: (wallet: Wallet | undefined) => void }) {
  const { t } = useI18n();
  const membership = useMembership(wallet);
  const subjectChoice = useSubjectChoice(statusState.status?.suite, "none");
  const [datasetId, setDatasetId] = useState("");
  const catalogue = useLoad("datashare-datasets-issue", (signal) => datashare.getDatasets(client, { start: 0, limit: datasetsListed, signal }));
  const [credentialType, setCredentialType] = useState("");
  const [issuerText, setIssuerText] = useState<string | undefined>(undefined);
  const [claims, setClaims] = useState("{\n  \n}");
  const [validFrom, setValidFrom] = useState(localNow);
  const [validUntil, setValidUntil] = useState("");
  const [run, setRun] = useState<FormRun<Phase>>({ state: "idle" });
  const [issued, setIssued] = useState<CredentialDocument | undefined>(undefined);
  const chainId = statusState.status?.chainId;
  const organisation = membership.state === "known" ? membership.member?.org : undefined;
  const issuer = issuerText ?? (organisation !== undefined && chainId !== undefined ? `urn:kexin:${chainId}:organisation:${organisation}` : "");
  // A credential may name only a dataset of its own issuer.
  const ownDatasets = catalogue.state === "loaded" && organisation !== undefined ? catalogue.value.datasets.filter((dataset) => dataset.owner === organisation) : [];

  const refuse = (message: string) => setRun({ state: "refused", message });
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!wallet) return;
    setIssued(undefined);
    if (!credentialTypePattern.test(credentialType.trim())) return refuse(t.datashare.credentials.badType);
    const float = firstNonIntegerNumber(claims);
    let subject: unknown;
    try {
      subject = JSON.parse(claims);
    } catch (error) {
      return refuse(t.datashare.publish.json(refusalText(error)));
    }
    if (float !== undefined) return refuse(t.datashare.credentials.claimsFloat(float));
    if (subject === null || typeof subject !== "object" || Array.isArray(subject) || Object.keys(subject).length === 0) return refuse(t.datashare.credentials.claimsNotObject);
    const from = dateTimeOf(validFrom);
    const until = validUntil === "" ? undefined : dateTimeOf(validUntil);
    if (from === undefined || (validUntil !== "" && until === undefined) || (until !== undefined && until <= from)) return refuse(t.datashare.credentials.badValidity);
    const subjectReference = subjectChoice.subjectReference();
    if (subjectChoice.source !== "none" && subjectReference === undefined) return refuse(t.datashare.credentials.subjectIncomplete);
    const credential: CredentialDocument = {
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      id: `urn:uuid:${randomUuid()}`,
      type: ["VerifiableCredential", credentialType.trim()],
      issuer: issuer.trim(),
      validFrom: from,
      ...(until !== undefined ? { validUntil: until } : {}),
      credentialSubject: subject as { [key: string]: CredentialJson },
    };
    setRun({ state: "running", phase: "signing" });
    try {
      const named = { ...(subjectReference !== undefined ? { subject: subjectReference } : {}), ...(datasetId !== "" ? { dataset: datasetId } : {}) };
      const signed = await client.datashare.issueCredential({ wallet, credential, ...named });
      setRun({ state: "running", phase: "committing" });
      const committed = await sendAndCommit(wallet, signed.call);
      setRun(committedRun(committed));
      if (committed.result.status === "ok") setIssued(signed.credential);
    } catch (error) {
      refuse(refusalText(error));
    }
  };

  return (
    <div className="panel" data-testid="issue-panel">
      <h2>{t.datashare.credentials.issueTitle}</h2>
      <p className="muted">{t.datashare.credentials.issueIntro}</p>
      <SigningKey statusState={statusState} wallet={wallet} onWallet={onWallet} />
      <form onSubmit={(event) => void onSubmit(event)} data-testid="issue-form">
        <div className="form-grid">
          <label>
            {t.datashare.credentials.type}
            <input value={credentialType} onChange={(event) => setCredentialType(event.target.value)} placeholder="PropertyCertificate" spellCheck={false} data-testid="issue-type" />
          </label>
          <label>
            {t.datashare.credentials.issuerLabel}
            <input value={issuer} onChange={(event) => setIssuerText(event.target.value)} spellCheck={false} data-testid="issue-issuer" />
          </label>
          <label>
            {t.datashare.credentials.validFrom}
            <input type="datetime-local" value={validFrom} onChange={(event) => setValidFrom(event.target.value)} data-testid="issue-valid-from" />
          </label>
          <label>
            {t.datashare.credentials.validUntil}
            <input type="datetime-local" value={validUntil} onChange={(event) => setValidUntil(event.target.value)} data-testid="issue-valid-until" />
          </label>
        </div>
        <label>
          {t.datashare.credentials.claims}
          <textarea value={claims} onChange={(event) => setClaims(event.target.value)} rows={6} spellCheck={false} data-testid="issue-claims" />
        </label>
        <SubjectInput choice={subjectChoice} title={t.datashare.credentials.subjectTitle} owner={organisation} optional chainSuite={statusState.status?.suite ?? ""} testId="issue" />
        <p className="muted">{t.datashare.credentials.linkHint}</p>
        <div className="form-grid">
          <label>
            {t.datashare.credentials.datasetLabel}
            <select value={datasetId} onChange={(event) => setDatasetId(event.target.value)} data-testid="issue-dataset">
              <option value="">{t.datashare.credentials.noDataset}</option>
              {ownDatasets.map((dataset) => (
                <option key={dataset.id} value={dataset.id}>
                  {dataset.id}
                </option>
              ))}
            </select>
          </label>
        </div>
        <FormFooter
          run={run}
          label={t.datashare.credentials.issueButton}
          disabled={!wallet || credentialType.trim() === "" || issuer.trim() === ""}
          phaseText={run.state === "running" ? t.datashare.credentials.phases[run.phase] : undefined}
          needsKey={!wallet}
          testId="issue"
        />
      </form>
      {issued !== undefined && (
        <div data-testid="issued">
          <h3>{t.datashare.credentials.issuedTitle}</h3>
          <p className="muted">{t.datashare.credentials.issuedHint}</p>
          <button type="button" onClick={() => saveJson(`credential-${String(issued.id).slice(-12)}.json`, issued)} data-testid="issued-download">
            {t.datashare.credentials.download}
          </button>
          <Json value={issued} testId="issued-credential" />
        </div>
      )}
    </div>
  );
}
