import { type ReceiptTrust, type ReceiptVerification, addressOf, getSuite, verifyReceipt } from "@kexin/core";
import { type DragEvent, useEffect, useMemo, useState } from "react";
import { Hash } from "../../components/Hash.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { takeStashedReceipt } from "./handoff.ts";

/** Receipts are a few kilobytes; anything far larger is not one, and parsing it would only stall the tab. */
const receiptTextBytesMax = 4 * 1024 * 1024;

type Parsed = { readonly source: string; readonly ok: true; readonly value: unknown } | { readonly source: string; readonly ok: false; readonly message: string };

function parseReceiptText(source: string, text: string): Parsed {
  if (text.length > receiptTextBytesMax) return { source, ok: false, message: `larger than ${receiptTextBytesMax / (1024 * 1024)} MiB` };
  try {
    return { source, ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { source, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function signerAddress(verification: ReceiptVerification, suiteId: unknown): string | undefined {
  if (!verification.tx || typeof suiteId !== "string") return undefined;
  try {
    return addressOf(getSuite(suiteId), verification.tx.signer);
  } catch {
    return undefined;
  }
}

/**
 * `/verify`: checks a receipt with @kexin/core's verifyReceipt, in this tab only. Nothing here
 * talks to the node, so it works offline once the page has loaded, and for anyone, without an account.
 */
export function Verify() {
  const { t, language } = useI18n();
  const [parsed, setParsed] = useState<Parsed | undefined>(() => {
    const stashed = takeStashedReceipt();
    return stashed === undefined ? undefined : parseReceiptText("explorer", stashed);
  });
  const [pasted, setPasted] = useState("");
  const [dragging, setDragging] = useState(false);
  const [trustChainId, setTrustChainId] = useState("");
  const [trustValidatorsHash, setTrustValidatorsHash] = useState("");

  const trust = useMemo<ReceiptTrust>(
    () => ({
      ...(trustChainId.trim() ? { chainId: trustChainId.trim() } : {}),
      ...(trustValidatorsHash.trim() ? { validatorsHash: trustValidatorsHash.trim() } : {}),
    }),
    [trustChainId, trustValidatorsHash],
  );
  const verification = useMemo(() => (parsed?.ok ? verifyReceipt(parsed.value, trust) : undefined), [parsed, trust]);
  const timeFormat = useMemo(() => new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "medium" }), [language]);

  const readFile = async (file: File) => {
    if (file.size > receiptTextBytesMax) {
      setParsed({ source: file.name, ok: false, message: `larger than ${receiptTextBytesMax / (1024 * 1024)} MiB` });
      return;
    }
    setParsed(parseReceiptText(file.name, await file.text()));
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void readFile(file);
  };
  // A file dropped beside the zone would otherwise make the browser navigate away to it.
  useEffect(() => {
    const prevent = (event: globalThis.DragEvent) => event.preventDefault();
    window.addEventListener("dragover", prevent);
    window.addEventListener("drop", prevent);
    return () => {
      window.removeEventListener("dragover", prevent);
      window.removeEventListener("drop", prevent);
    };
  }, []);

  const firstFailed = verification?.checks.find((outcome) => !outcome.ok);
  const receiptSuite = parsed?.ok ? (parsed.value as { suite?: unknown } | null)?.suite : undefined;

  return (
    <section aria-labelledby="verify-title">
      <h1 id="verify-title">{t.verify.title}</h1>
      <p>{t.verify.intro}</p>
      <div
        className={`drop-zone${dragging ? " dragging" : ""}`}
        data-testid="drop-zone"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p className="drop-title">{t.verify.dropZone}</p>
        <p className="muted">{t.verify.orChoose}</p>
        <label className="button">
          {t.verify.chooseFile}
          <input
            type="file"
            accept="application/json,.json"
            className="visually-hidden"
            data-testid="receipt-file"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void readFile(file);
              event.target.value = "";
            }}
          />
        </label>
      </div>
      <details className="panel">
        <summary>{t.verify.orPaste}</summary>
        <textarea value={pasted} onChange={(event) => setPasted(event.target.value)} rows={6} spellCheck={false} aria-label={t.verify.orPaste} data-testid="receipt-text" />
        <button type="button" onClick={() => setParsed(parseReceiptText("", pasted))} disabled={pasted.trim().length === 0}>
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

      {parsed && !parsed.ok && (
        <div className="verdict bad" role="alert" data-testid="verdict" data-ok="false">
          <strong>{t.verify.invalid}</strong>
          {parsed.source && <div className="muted">{t.verify.file(parsed.source)}</div>}
          <p>{t.verify.notJson(parsed.message)}</p>
        </div>
      )}
      {verification && (
        <>
          <div className={`verdict ${verification.ok ? "ok" : "bad"}`} role="status" data-testid="verdict" data-ok={String(verification.ok)}>
            <strong>{verification.ok ? t.verify.valid : t.verify.invalid}</strong>
            {parsed?.source && parsed.source !== "explorer" && <div className="muted">{t.verify.file(parsed.source)}</div>}
            <p>{verification.ok ? t.verify.validSummary : t.verify.invalidSummary(firstFailed ? t.verify.checks[firstFailed.check] : "")}</p>
          </div>
          <div className="panel">
            <h2>{t.verify.steps}</h2>
            <ol className="steps" data-testid="verify-steps">
              {verification.checks.map((outcome, index) => (
                <li key={index} className={outcome.ok ? "ok" : "bad"} data-check={outcome.check} data-ok={String(outcome.ok)}>
                  <span className="step-mark" aria-hidden="true">
                    {outcome.ok ? "✓" : "✗"}
                  </span>
                  <div>
                    <div className="step-title">
                      {t.verify.checks[outcome.check]} <span className="visually-hidden">({outcome.ok ? t.verify.passed : t.verify.failed})</span>
                    </div>
                    <div className="step-detail">{outcome.detail}</div>
                  </div>
                </li>
              ))}
            </ol>
          </div>
          {verification.ok && verification.header && (
            <div className="panel">
              <h2>{t.verify.summary}</h2>
              <dl className="facts">
                <dt>{t.verify.chain}</dt>
                <dd>{verification.header.chainId}</dd>
                <dt>{t.verify.blockHeight}</dt>
                <dd>{verification.header.height}</dd>
                <dt>{t.verify.blockTime}</dt>
                <dd>{timeFormat.format(new Date(verification.header.time))}</dd>
                {verification.txHash && (
                  <>
                    <dt>{t.verify.txHash}</dt>
                    <dd>
                      <Hash value={verification.txHash} />
                    </dd>
                  </>
                )}
                {verification.tx && (
                  <>
                    <dt>{t.verify.call}</dt>
                    <dd>
                      {verification.tx.module}.{verification.tx.type}
                    </dd>
                  </>
                )}
                {signerAddress(verification, receiptSuite) && (
                  <>
                    <dt>{t.verify.signer}</dt>
                    <dd>
                      <Hash value={signerAddress(verification, receiptSuite) ?? ""} />
                    </dd>
                  </>
                )}
                {verification.result && (
                  <>
                    <dt>{t.verify.resultStatus}</dt>
                    <dd>{verification.result.status === 0 ? t.tx.resultOk : t.tx.resultFailed(verification.result.code)}</dd>
                  </>
                )}
              </dl>
            </div>
          )}
        </>
      )}
    </section>
  );
}
