import type { ReceiptTrust } from "@kexin/core";
import { useMemo } from "react";
import { AnchorFacts } from "../../components/AnchorFacts.tsx";
import { DropZone } from "../../components/DropZone.tsx";
import { type FileHashState, FileHashView } from "../../components/FileHash.tsx";
import { Hash } from "../../components/Hash.tsx";
import { hashDisplayName } from "../../components/hashFile.ts";
import { useI18n } from "../../i18n/index.tsx";
import { type EvidenceCheck, type EvidenceStep, checkEvidence, suiteOfProof } from "./evidenceCheck.ts";
import type { Loaded } from "./documents.ts";
import { type StepLine, Steps } from "./Steps.tsx";

/**
 * An evidence proof, and the file it proves once the reader adds it: hashed here with the proof's
 * suite and checked with the SDK's verifyEvidenceProof, in this tab only.
 */
export function EvidenceResult({
  loaded,
  content,
  onContent,
  trust,
}: {
  readonly loaded: Extract<Loaded, { kind: "evidence" }>;
  readonly content: FileHashState;
  readonly onContent: (file: File) => void;
  readonly trust: ReceiptTrust;
}) {
  const { t, language } = useI18n();
  const suite = suiteOfProof(loaded.proof);
  // A hash computed under another suite (the proof was replaced meanwhile) is not this proof's.
  const hashed = content.state === "done" && content.suite === suite ? content : undefined;
  const hashedHash = hashed?.hash;
  const hashedSize = hashed?.size;
  const check = useMemo(
    () => checkEvidence(loaded.proof, hashedHash === undefined || hashedSize === undefined ? undefined : { hash: hashedHash, size: hashedSize }, trust),
    [loaded.proof, hashedHash, hashedSize, trust],
  );
  const timeFormat = useMemo(() => new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "medium" }), [language]);

  const titleOf = (step: EvidenceStep): string => {
    // The receipt's "well-formed file" wording would speak of the proof file; here it is the receipt inside it.
    if (step.receiptCheck === "format") return t.verify.evidence.receiptFormat;
    if (step.receiptCheck) return t.verify.checks[step.receiptCheck];
    return t.verify.evidence.checks[step.check === "receipt-step" ? "receipt" : step.check];
  };
  const lines: StepLine[] = check.steps.map((step) => ({
    check: step.receiptCheck ?? step.check,
    title: titleOf(step),
    ok: step.ok,
    detail: step.ok === undefined ? t.verify.evidence.waitingForFile : step.detail,
  }));

  return (
    <>
      <p className="muted" data-testid="evidence-source">
        {loaded.fromNode ? t.verify.evidence.fetched : t.verify.evidence.fromFile(loaded.source)}
      </p>
      {suite && (
        <DropZone
          title={t.verify.evidence.addFile}
          hint={t.verify.evidence.addFileHint}
          chooseLabel={t.verify.evidence.chooseFile}
          onFiles={(files) => files[0] && onContent(files[0])}
          testId="evidence-content-drop"
          inputTestId="evidence-content-file"
        >
          <FileHashView current={content} testId="evidence-content-hash" />
        </DropZone>
      )}
      <Verdict check={check} titleOf={titleOf} timeFormat={timeFormat} />
      <Steps steps={lines} />
      {check.result?.anchor && check.steps.every((step) => step.ok !== false) && suite && <ProofSummary check={check} algorithm={hashDisplayName(suite)} timeFormat={timeFormat} />}
    </>
  );
}

function Verdict({ check, titleOf, timeFormat }: { readonly check: EvidenceCheck; readonly titleOf: (step: EvidenceStep) => string; readonly timeFormat: Intl.DateTimeFormat }) {
  const { t } = useI18n();
  const failed = check.steps.find((step) => step.ok === false);
  if (failed) {
    return (
      <div className="verdict bad" role="alert" data-testid="verdict" data-ok="false" data-file-checked={String(check.fileChecked)} data-failed={failed.receiptCheck ?? failed.check}>
        <strong>{t.verify.evidence.invalid}</strong>
        <p>{failed.check === "file-hash" ? t.verify.evidence.hashMismatch : t.verify.evidence.invalidSummary(titleOf(failed))}</p>
        <p className="step-detail">{failed.detail}</p>
      </div>
    );
  }
  const anchor = check.result?.anchor;
  return (
    <div className={`verdict ${check.fileChecked ? "ok" : "pending"}`} role="status" data-testid="verdict" data-ok="true" data-file-checked={String(check.fileChecked)}>
      <strong>{check.fileChecked ? t.verify.evidence.valid : t.verify.evidence.proofValid}</strong>
      <p>{check.fileChecked && anchor ? t.verify.evidence.validSummary(anchor.height, timeFormat.format(new Date(anchor.time))) : t.verify.evidence.proofValidSummary}</p>
    </div>
  );
}

function ProofSummary({ check, algorithm, timeFormat }: { readonly check: EvidenceCheck; readonly algorithm: string; readonly timeFormat: Intl.DateTimeFormat }) {
  const { t } = useI18n();
  const anchor = check.result?.anchor;
  if (!anchor) return null;
  return (
    <div className="panel">
      <h2>{t.verify.evidence.summary}</h2>
      <dl className="facts hashes-whole" data-testid="evidence-summary">
        <dt>{t.verify.evidence.anchoredHash(algorithm)}</dt>
        <dd>
          <Hash value={anchor.hash} />
        </dd>
        <dt>{t.evidence.titleLabel}</dt>
        <dd>{anchor.title || t.common.none}</dd>
        <AnchorFacts anchor={anchor} timeFormat={timeFormat} linked={false} />
        <dt>{t.verify.txHash}</dt>
        <dd>
          <Hash value={anchor.txHash} />
        </dd>
        {check.result?.receipt?.header && (
          <>
            <dt>{t.verify.chain}</dt>
            <dd>{check.result.receipt.header.chainId}</dd>
          </>
        )}
      </dl>
    </div>
  );
}
