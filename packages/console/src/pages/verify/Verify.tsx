import { type ReceiptTrust, isHex } from "@kexin/core";
import { evidence } from "@kexin/sdk";
import { useEffect, useMemo, useState } from "react";
import { client, errorCode, errorMessage } from "../../api.ts";
import { DropZone } from "../../components/DropZone.tsx";
import { useFileHash } from "../../components/FileHash.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { useRouter } from "../../router.tsx";
import { type Loaded, documentTextBytesMax, loadedFrom, parseDocumentText, sortDroppedFiles } from "./documents.ts";
import { suiteOfProof } from "./evidenceCheck.ts";
import { EvidenceResult } from "./EvidenceResult.tsx";
import { takeStashedReceipt } from "./handoff.ts";
import { ReceiptResult } from "./ReceiptResult.tsx";

/** `?hash=<hex>[&index=<n>]`, the link an evidence certificate's QR code holds. */
type Link = { readonly state: "none" } | { readonly state: "bad" } | { readonly state: "ok"; readonly hash: string; readonly index: number };

function linkOf(search: string): Link {
  const parameters = new URLSearchParams(search);
  const hash = parameters.get("hash");
  if (hash === null) return { state: "none" };
  const normalised = hash.trim().replace(/^0x/i, "").toLowerCase();
  const index = Number(parameters.get("index") ?? "0");
  if (!isHex(normalised, 32) || !Number.isSafeInteger(index) || index < 0 || index >= evidence.evidenceLimits.anchorsPerHashMax) return { state: "bad" };
  return { state: "ok", hash: normalised, index };
}

type Fetch = { readonly state: "idle" } | { readonly state: "loading" } | { readonly state: "failed"; readonly error: unknown };

/**
 * `/verify`: checks a receipt, or a saved transaction answer, with @kexin/core's verifyReceiptDocument, or an evidence proof and its file
 * with the SDK's verifyEvidenceProof, in this tab only. The checks never talk to the node, so they
 * work offline once the page has loaded, and for anyone, without an account. The one request is
 * the proof named by a `?hash=` link, fetched once; its checks then run here like any other.
 */
export function Verify() {
  const { t } = useI18n();
  const { search } = useRouter();
  const [loaded, setLoaded] = useState<Loaded | undefined>(() => {
    const stashed = takeStashedReceipt();
    return stashed === undefined ? undefined : loadedFrom(parseDocumentText("explorer", stashed));
  });
  const [contentFile, setContentFile] = useState<File | undefined>(undefined);
  const content = useFileHash();
  const [pasted, setPasted] = useState("");
  const [trustChainId, setTrustChainId] = useState("");
  const [trustValidatorsHash, setTrustValidatorsHash] = useState("");
  const [fetched, setFetched] = useState<Fetch>({ state: "idle" });

  const trust = useMemo<ReceiptTrust>(
    () => ({
      ...(trustChainId.trim() ? { chainId: trustChainId.trim() } : {}),
      ...(trustValidatorsHash.trim() ? { validatorsHash: trustValidatorsHash.trim() } : {}),
    }),
    [trustChainId, trustValidatorsHash],
  );

  const link = useMemo(() => linkOf(search), [search]);
  const linkKey = link.state === "ok" ? `${link.hash}/${link.index}` : link.state;
  useEffect(() => {
    if (link.state !== "ok") return;
    const controller = new AbortController();
    setFetched({ state: "loading" });
    evidence.getEvidenceProof(client, { hash: link.hash, index: link.index, signal: controller.signal }).then(
      (proof) => {
        if (controller.signal.aborted) return;
        setFetched({ state: "idle" });
        setLoaded({ kind: "evidence", source: link.hash, fromNode: true, proof });
      },
      (error: unknown) => !controller.signal.aborted && setFetched({ state: "failed", error }),
    );
    return () => controller.abort();
    // The link's hash and index decide what is fetched; `link` is rebuilt from them.
  }, [linkKey]);

  // The proved file is hashed with the proof's suite, and again if a proof of another suite replaces it.
  const proofSuite = loaded?.kind === "evidence" ? suiteOfProof(loaded.proof) : undefined;
  const { start, reset } = content;
  useEffect(() => {
    if (contentFile && proofSuite) start(proofSuite, contentFile);
    else reset();
  }, [contentFile, proofSuite, start, reset]);

  const onFiles = async (files: File[]) => {
    const sorted = await sortDroppedFiles(files, loaded?.kind === "evidence");
    if (sorted.loaded) setLoaded(sorted.loaded);
    if (sorted.loaded?.kind === "receipt") setContentFile(undefined);
    else if (sorted.content) setContentFile(sorted.content);
    else if (sorted.loaded) setContentFile(undefined);
  };

  return (
    <section aria-labelledby="verify-title">
      <h1 id="verify-title">{t.verify.title}</h1>
      <p>{t.verify.intro}</p>
      {link.state === "bad" && (
        <p className="notice" role="alert" data-testid="link-message">
          {t.verify.evidence.badLink}
        </p>
      )}
      {fetched.state === "loading" && (
        <p className="muted" role="status" data-testid="link-message">
          {t.verify.evidence.fetching}
        </p>
      )}
      {fetched.state === "failed" && (
        <p className="notice" role="alert" data-testid="link-message">
          {errorCode(fetched.error) === "NOT_FOUND" ? t.verify.evidence.notAnchored : t.verify.evidence.fetchFailed(errorMessage(fetched.error))}
        </p>
      )}
      <DropZone
        title={t.verify.dropZone}
        hint={t.verify.orChoose}
        chooseLabel={t.verify.chooseFile}
        multiple
        onFiles={(files) => void onFiles(files)}
        testId="drop-zone"
        inputTestId="receipt-file"
      />
      <details className="panel">
        <summary>{t.verify.orPaste}</summary>
        <textarea value={pasted} onChange={(event) => setPasted(event.target.value)} rows={6} spellCheck={false} aria-label={t.verify.orPaste} data-testid="receipt-text" />
        <button
          type="button"
          onClick={() => {
            setLoaded(loadedFrom(parseDocumentText("", pasted.slice(0, documentTextBytesMax + 1))));
            setContentFile(undefined);
          }}
          disabled={pasted.trim().length === 0}
        >
          {t.verify.verifyPasted}
        </button>
      </details>
      <details className="panel">
        <summary>{t.verify.trustTitle}</summary>
        <p className="muted">{t.verify.trustHint}</p>
        <div className="form-grid">
          <label>
            {t.verify.trustChainId}
            <input value={trustChainId} onChange={(event) => setTrustChainId(event.target.value)} spellCheck={false} />
          </label>
          <label>
            {t.verify.trustValidatorsHash}
            <input value={trustValidatorsHash} onChange={(event) => setTrustValidatorsHash(event.target.value)} spellCheck={false} />
          </label>
        </div>
      </details>

      {loaded?.kind === "receipt" && <ReceiptResult parsed={loaded.parsed} trust={trust} />}
      {loaded?.kind === "evidence" && <EvidenceResult loaded={loaded} content={content.current} onContent={setContentFile} trust={trust} />}
    </section>
  );
}
