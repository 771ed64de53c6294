import { type CryptoSuite, isHex } from "@kexin/core";
import { evidence } from "@kexin/sdk";
import { type FormEvent, useEffect, useMemo, useState } from "react";
import { client, errorCode, errorMessage } from "../../api.ts";
import { AnchorFacts } from "../../components/AnchorFacts.tsx";
import { DropZone } from "../../components/DropZone.tsx";
import { FileHashView, useFileHash } from "../../components/FileHash.tsx";
import { saveJson } from "../../components/download.ts";
import { useI18n } from "../../i18n/index.tsx";
import { Link } from "../../router.tsx";
import { certificateFileName, certificatePath, proofFileName, verifyPath } from "./anchorOnChain.ts";

type Found =
  | { readonly state: "idle" }
  | { readonly state: "loading"; readonly hash: string }
  | { readonly state: "loaded"; readonly answer: evidence.GetAnchorsReturnType }
  | { readonly state: "failed"; readonly hash: string; readonly error: unknown };

/** Every anchoring of a hash typed in, or of a file hashed here; the first page (up to 100) is listed. */
export function Lookup({ suite }: { readonly suite: CryptoSuite }) {
  const { t, language } = useI18n();
  const fileHash = useFileHash();
  const [typed, setTyped] = useState("");
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [found, setFound] = useState<Found>({ state: "idle" });
  const timeFormat = useMemo(() => new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "medium" }), [language]);

  const lookUp = async (text: string) => {
    const hash = text.trim().replace(/^0x/i, "").toLowerCase();
    if (!isHex(hash, 32)) {
      setProblem(t.evidence.notHash);
      return;
    }
    setProblem(undefined);
    setFound({ state: "loading", hash });
    try {
      setFound({ state: "loaded", answer: await evidence.getAnchors(client, { hash }) });
    } catch (error) {
      setFound({ state: "failed", hash, error });
    }
  };

  const hashedFile = fileHash.current.state === "done" ? fileHash.current.hash : undefined;
  // A dropped file is looked up as soon as its hash is known.
  useEffect(() => {
    if (hashedFile === undefined) return;
    setTyped(hashedFile);
    void lookUp(hashedFile);
    // lookUp is a new closure every render; the hash decides when to run.
  }, [hashedFile]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void lookUp(typed);
  };

  return (
    <div className="panel" data-testid="lookup">
      <h2>{t.evidence.lookupTitle}</h2>
      <p className="muted">{t.evidence.lookupHint}</p>
      <form className="search" onSubmit={onSubmit} role="search">
        <input value={typed} onChange={(event) => setTyped(event.target.value)} aria-label={t.evidence.hashInput} placeholder={t.evidence.hashInput} spellCheck={false} data-testid="lookup-hash" />
        <button type="submit">{t.evidence.lookup}</button>
      </form>
      <DropZone title={t.evidence.dropFile} chooseLabel={t.evidence.chooseFile} onFiles={(files) => files[0] && fileHash.start(suite, files[0])} testId="lookup-drop" inputTestId="lookup-file" />
      <FileHashView current={fileHash.current} testId="lookup-file-hash" />
      {problem && (
        <p className="notice" role="alert">
          {problem}
        </p>
      )}
      {found.state === "loading" && <p className="muted">{t.common.loading}</p>}
      {found.state === "failed" && (
        <p className="notice" role="alert" data-testid="lookup-message">
          {errorCode(found.error) === "NOT_FOUND" ? t.evidence.neverAnchored : t.common.error(errorMessage(found.error))}
        </p>
      )}
      {found.state === "loaded" && (
        <div data-testid="lookup-results">
          <p>
            <strong>{t.evidence.anchorCount(found.answer.anchors.length, found.answer.total)}</strong>
          </p>
          <ol className="anchor-list">
            {found.answer.anchors.map((anchor) => (
              <AnchorItem key={anchor.index} anchor={anchor} timeFormat={timeFormat} />
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}

function AnchorItem({ anchor, timeFormat }: { readonly anchor: evidence.AnchorView; readonly timeFormat: Intl.DateTimeFormat }) {
  const { t } = useI18n();
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const downloadProof = async () => {
    setProblem(undefined);
    try {
      saveJson(proofFileName(anchor.hash), await evidence.getEvidenceProof(client, { hash: anchor.hash, index: anchor.index }));
    } catch (error) {
      setProblem(t.common.error(errorMessage(error)));
    }
  };
  return (
    <li data-testid="lookup-anchor">
      <h3>
        {t.evidence.anchoring(anchor.index)}: {anchor.title || t.evidence.untitled}
      </h3>
      <dl className="facts">
        <AnchorFacts anchor={anchor} timeFormat={timeFormat} linked />
      </dl>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void downloadProof()}>
          {t.evidence.downloadProof}
        </button>
        <a className="button secondary" href={certificatePath(anchor.hash, anchor.index)} download={certificateFileName(anchor.hash, anchor.index)}>
          {t.evidence.downloadCertificate}
        </a>
        <Link to={verifyPath(anchor.hash, anchor.index)}>{t.evidence.verify}</Link>
      </div>
      {problem && (
        <p className="notice" role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}
