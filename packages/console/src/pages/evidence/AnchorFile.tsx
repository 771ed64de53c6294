import type { CryptoSuite } from "@kexin/core";
import { KexinError, type Wallet } from "@kexin/sdk";
import { useMemo, useState } from "react";
import { errorMessage } from "../../api.ts";
import { DropZone } from "../../components/DropZone.tsx";
import { FileHashView, useFileHash } from "../../components/FileHash.tsx";
import { saveJson } from "../../components/download.ts";
import { Hash } from "../../components/Hash.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { Link } from "../../router.tsx";
import {
  type AnchorOutcome,
  type AnchorPhase,
  AnchorRejectedError,
  anchorOnChain,
  certificateFileName,
  certificatePath,
  mediaTypeOf,
  parseTags,
  proofFileName,
  verifyPath,
} from "./anchorOnChain.ts";
import { KeyPanel } from "../../components/KeyPanel.tsx";
import { type SealedCopy, SealedKeyView, StoreOption, sealAndUpload } from "./SealedCopy.tsx";

interface Details {
  readonly title: string;
  readonly caseNumber: string;
  readonly tags: string;
  readonly mediaType: string;
}

const emptyDetails: Details = { title: "", caseNumber: "", tags: "", mediaType: "" };

type Phase = AnchorPhase | "sealing";

type Run = { readonly state: "idle" } | { readonly state: "running"; readonly phase: Phase } | { readonly state: "done"; readonly outcome: AnchorOutcome; readonly copy: SealedCopy | undefined } | { readonly state: "failed"; readonly error: unknown };

/** The code the API, the SDK or the chain gave, if any: it decides which plain hint goes with the message. */
function failureCode(error: unknown): string | undefined {
  if (error instanceof KexinError || error instanceof AnchorRejectedError) return error.code;
  return undefined;
}

/**
 * Anchoring a file, in the order a clerk works: the file (hashed here), the signing key, what the
 * file is, whether to keep an encrypted copy on the node (off by default; the file is then sealed
 * here and its envelope anchored in its place), then the anchoring itself and its proof and
 * certificate. Each step is a panel of its own.
 */
export function AnchorFile({ suite }: { readonly suite: CryptoSuite }) {
  const { t, language } = useI18n();
  const fileHash = useFileHash();
  const [wallet, setWallet] = useState<Wallet | undefined>(undefined);
  const [details, setDetails] = useState<Details>(emptyDetails);
  const [run, setRun] = useState<Run>({ state: "idle" });
  const [store, setStore] = useState(false);
  // Kept once stored, so that anchoring again after a failure reuses the key the clerk was shown.
  const [copy, setCopy] = useState<(SealedCopy & { readonly file: File }) | undefined>(undefined);
  const timeFormat = useMemo(() => new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "medium" }), [language]);

  const hashed = fileHash.current.state === "done" ? fileHash.current : undefined;
  // Once anchored, "Anchor another file" starts over: a second click must not anchor the same file twice by accident.
  const ready = hashed !== undefined && wallet !== undefined && (run.state === "idle" || run.state === "failed");

  const chooseFile = (file: File) => {
    setRun({ state: "idle" });
    setCopy(undefined);
    setDetails((previous) => ({ ...previous, mediaType: mediaTypeOf(file), title: previous.title || file.name }));
    fileHash.start(suite, file);
  };
  const edit = (field: keyof Details) => (value: string) => setDetails((previous) => ({ ...previous, [field]: value }));

  const onAnchor = async () => {
    if (!hashed || !wallet) return;
    setRun({ state: "running", phase: store ? "sealing" : "submitting" });
    try {
      let stored = store && copy?.file === hashed.file ? copy : undefined;
      if (store && !stored) {
        stored = { ...(await sealAndUpload(suite, hashed.file, wallet)), file: hashed.file };
        setCopy(stored);
      }
      // A stored file is anchored as its sealed envelope: the plain file's hash is never published.
      const what = stored ? stored.sealed : { hash: hashed.hash, size: hashed.size, mediaType: details.mediaType.trim() };
      const outcome = await anchorOnChain(
        wallet,
        { hash: what.hash, size: what.size, mediaType: what.mediaType, title: details.title.trim(), caseNumber: details.caseNumber.trim(), tags: parseTags(details.tags) },
        (phase) => setRun({ state: "running", phase }),
      );
      setRun({ state: "done", outcome, copy: stored });
    } catch (error) {
      setRun({ state: "failed", error });
    }
  };

  const startOver = () => {
    fileHash.reset();
    setCopy(undefined);
    setDetails(emptyDetails);
    setRun({ state: "idle" });
  };

  return (
    // Not one form: the key panel holds forms of its own, and forms cannot nest.
    <div data-testid="anchor-form">
      <div className="panel">
        <h2>{t.evidence.fileStep}</h2>
        <DropZone title={t.evidence.dropFile} hint={t.evidence.notUploaded} chooseLabel={t.evidence.chooseFile} onFiles={(files) => files[0] && chooseFile(files[0])} testId="anchor-drop" inputTestId="anchor-file" />
        <FileHashView current={fileHash.current} testId="anchor-hash" />
      </div>

      <div className="panel">
        <h2>{t.evidence.keyStep}</h2>
        <p className="muted">{t.evidence.keyHint}</p>
        <KeyPanel suite={suite} wallet={wallet} onWallet={setWallet} />
      </div>

      <div className="panel">
        <h2>{t.evidence.detailsStep}</h2>
        <div className="form-grid">
          <label>
            {t.evidence.titleLabel}
            <input value={details.title} onChange={(event) => edit("title")(event.target.value)} data-testid="anchor-title" />
          </label>
          <label>
            {t.evidence.caseNumber}
            <input value={details.caseNumber} onChange={(event) => edit("caseNumber")(event.target.value)} data-testid="anchor-case" />
          </label>
          <label>
            {t.evidence.tagsInput}
            <input value={details.tags} onChange={(event) => edit("tags")(event.target.value)} data-testid="anchor-tags" />
          </label>
          <label>
            {t.evidence.mediaType}
            <input value={details.mediaType} onChange={(event) => edit("mediaType")(event.target.value)} spellCheck={false} data-testid="anchor-media-type" />
          </label>
        </div>
      </div>

      <div className="panel">
        <h2>{t.evidence.storeStep}</h2>
        <StoreOption checked={store} onChange={setStore} />
      </div>

      <div className="panel">
        <div className="actions">
          <button type="button" disabled={!ready} onClick={() => void onAnchor()} data-testid="anchor-submit">
            {t.evidence.anchor}
          </button>
          {run.state === "running" && (
            <span className="muted" role="status" data-testid="anchor-phase">
              {t.evidence.phases[run.phase]}
            </span>
          )}
        </div>
        {!hashed || !wallet ? <p className="muted">{t.evidence.needFileAndKey}</p> : null}
        {run.state === "failed" && (
          <div className="verdict bad" role="alert" data-testid="anchor-error">
            <strong>{t.evidence.notAnchored}</strong>
            <p>{failureCode(run.error) === "TX_SIGNER_NOT_REGISTERED" ? t.evidence.notRegisteredHint : null}</p>
            <p className="step-detail">{failureCode(run.error) ? `${failureCode(run.error)}: ${errorMessage(run.error)}` : errorMessage(run.error)}</p>
          </div>
        )}
        {run.state === "failed" && store && copy && <SealedKeyView copy={copy} />}
        {run.state === "done" && <Anchored outcome={run.outcome} sealed={run.copy !== undefined} timeFormat={timeFormat} onAnother={startOver} />}
        {run.state === "done" && run.copy && <SealedKeyView copy={run.copy} />}
      </div>
    </div>
  );
}

function Anchored({ outcome, sealed, timeFormat, onAnother }: { readonly outcome: AnchorOutcome; readonly sealed: boolean; readonly timeFormat: Intl.DateTimeFormat; readonly onAnother: () => void }) {
  const { t } = useI18n();
  const { anchor } = outcome.proof;
  return (
    <div data-testid="anchor-result">
      <div className="verdict ok" role="status">
        <strong>{t.evidence.anchored}</strong>
        <p>{(sealed ? t.evidence.anchoredSealedSummary : t.evidence.anchoredSummary)(anchor.height, timeFormat.format(new Date(anchor.time)))}</p>
      </div>
      <dl className="facts hashes-whole">
        <dt>{t.evidence.blockHeight}</dt>
        <dd data-testid="anchor-height">
          <Link to={`/explorer/blocks/${anchor.height}`}>{anchor.height}</Link>
        </dd>
        <dt>{t.evidence.blockTime}</dt>
        <dd>{timeFormat.format(new Date(anchor.time))}</dd>
        <dt>{t.evidence.txHash}</dt>
        <dd data-testid="anchor-tx">
          <Hash value={anchor.txHash} to={`/explorer/txs/${anchor.txHash}`} />
        </dd>
        <dt>{t.evidence.submitter}</dt>
        <dd>
          {anchor.submitter.org} · <Hash value={anchor.submitter.address} />
        </dd>
      </dl>
      <p className="muted">{t.evidence.proofHint}</p>
      <div className="actions">
        <button type="button" onClick={() => saveJson(proofFileName(anchor.hash), outcome.proof)} data-testid="download-evidence-proof">
          {t.evidence.downloadProof}
        </button>
        <a className="button secondary" href={certificatePath(anchor.hash, outcome.index)} download={certificateFileName(anchor.hash, outcome.index)} data-testid="download-certificate">
          {t.evidence.downloadCertificate}
        </a>
        <Link to={verifyPath(anchor.hash, outcome.index)}>{t.evidence.verify}</Link>
        <button type="button" className="secondary" onClick={onAnother}>
          {t.evidence.anchorAnother}
        </button>
      </div>
    </div>
  );
}
