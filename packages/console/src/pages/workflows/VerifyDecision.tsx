import { type ApplicationRecord, type WorkflowDecisionVerification, getSuite } from "@kexin/core";
import { workflows } from "@kexin/sdk";
import { useState } from "react";
import { type StatusState, client } from "../../api.ts";
import { useI18n } from "../../i18n/index.tsx";
import { refusalText } from "../datashare/Outcome.tsx";
import { parseTrustFile, trustFromChain } from "./trustFromChain.ts";

type Verdict = { readonly state: "idle" | "running" } | { readonly state: "done"; readonly verification: WorkflowDecisionVerification } | { readonly state: "problem"; readonly message: string };

/** Fetches the decision credential and verifies it here in the browser, as a whole, without trusting the node's word on it. */
export function VerifyDecision({ application, statusState }: { readonly application: ApplicationRecord; readonly statusState: StatusState }) {
  const { t } = useI18n();
  const [trustText, setTrustText] = useState<string | undefined>(undefined);
  const [verdict, setVerdict] = useState<Verdict>({ state: "idle" });
  const suiteId = statusState.status?.suite;
  const verify = async () => {
    if (suiteId === undefined) return;
    setVerdict({ state: "running" });
    try {
      const trusted = trustText === undefined ? undefined : parseTrustFile(trustText);
      if (trustText !== undefined && trusted === undefined) return setVerdict({ state: "problem", message: t.workflows.trustFileInvalid });
      const { credential } = await client.workflows.getWorkflowCredential({ application: application.id });
      const trustedSigners = trusted ?? trustFromChain(getSuite(suiteId), application, credential);
      setVerdict({ state: "done", verification: workflows.verifyWorkflowDecision({ suite: suiteId, decision: credential, trustedSigners, templateHash: application.templateHash }) });
    } catch (error) {
      setVerdict({ state: "problem", message: refusalText(error) });
    }
  };
  return (
    <div data-testid="verify-decision">
      <p className="muted">{t.workflows.verifyHint}</p>
      <label>
        {t.workflows.trustFile}
        <input type="file" accept=".json,application/json" data-testid="trust-file" onChange={(event) => void event.target.files?.[0]?.text().then(setTrustText)} />
      </label>
      <div className="actions">
        <button type="button" onClick={() => void verify()} disabled={suiteId === undefined || verdict.state === "running"} data-testid="verify-offline">
          {t.workflows.verifyOffline}
        </button>
      </div>
      {verdict.state === "done" && verdict.verification.verified && (
        <div className="verdict ok" role="status" data-testid="decision-verdict" data-verified="true">
          <strong>{t.workflows.verified}</strong>
        </div>
      )}
      {verdict.state === "done" && !verdict.verification.verified && (
        <div className="verdict bad" role="alert" data-testid="decision-verdict" data-verified="false">
          <strong>{t.workflows.notVerified(verdict.verification.check, verdict.verification.code, verdict.verification.message)}</strong>
        </div>
      )}
      {verdict.state === "problem" && (
        <div className="verdict bad" role="alert" data-testid="decision-verdict" data-verified="false">
          <strong>{verdict.message}</strong>
        </div>
      )}
    </div>
  );
}
