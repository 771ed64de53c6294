import { type ReceiptDocumentVerification, type ReceiptTrust, addressOf, getSuite, receiptOfDocument, verifyReceiptDocument } from "@kexin/core";
import { useMemo } from "react";
import { Hash } from "../../components/Hash.tsx";
import { useI18n } from "../../i18n/index.tsx";
import type { Parsed } from "./documents.ts";
import { Steps } from "./Steps.tsx";

function signerAddress(verification: ReceiptDocumentVerification, suiteId: unknown): string | undefined {
  if (!verification.tx || typeof suiteId !== "string") return undefined;
  try {
    return addressOf(getSuite(suiteId), verification.tx.signer);
  } catch {
    return undefined;
  }
}

/**
 * A receipt checked with @kexin/core's verifyReceiptDocument: the verdict, each step, and what the
 * receipt says. A saved transaction answer (`kexin tx get --json`) is checked too, with one more
 * step: its readable transaction and result must say what its receipt proves.
 */
export function ReceiptResult({ parsed, trust }: { readonly parsed: Parsed; readonly trust: ReceiptTrust }) {
  const { t, language } = useI18n();
  const verification = useMemo(() => (parsed.ok ? verifyReceiptDocument(parsed.value, trust) : undefined), [parsed, trust]);
  const timeFormat = useMemo(() => new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "medium" }), [language]);

  if (!parsed.ok) {
    return (
      <div className="verdict bad" role="alert" data-testid="verdict" data-ok="false">
        <strong>{t.verify.invalid}</strong>
        {parsed.source && <div className="muted">{t.verify.file(parsed.source)}</div>}
        <p>{t.verify.notJson(parsed.message)}</p>
      </div>
    );
  }
  if (!verification) return null;
  const firstFailed = verification.checks.find((outcome) => !outcome.ok);
  const found = receiptOfDocument(parsed.value);
  const signer = signerAddress(verification, "receipt" in found ? (found.receipt as { suite?: unknown } | null)?.suite : undefined);
  return (
    <>
      <div className={`verdict ${verification.ok ? "ok" : "bad"}`} role="status" data-testid="verdict" data-ok={String(verification.ok)}>
        <strong>{verification.ok ? t.verify.valid : t.verify.invalid}</strong>
        {parsed.source && parsed.source !== "explorer" && <div className="muted">{t.verify.file(parsed.source)}</div>}
        <p>{verification.ok ? t.verify.validSummary : t.verify.invalidSummary(firstFailed ? t.verify.checks[firstFailed.check] : "")}</p>
      </div>
      <Steps steps={verification.checks.map((outcome) => ({ check: outcome.check, title: t.verify.checks[outcome.check], ok: outcome.ok, detail: outcome.detail }))} />
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
            {signer && (
              <>
                <dt>{t.verify.signer}</dt>
                <dd>
                  <Hash value={signer} />
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
  );
}
